package org.contactpipeline.ingest.marketingcloud;

/**
 * The examples of seed 001 ({@code POST /contacts/v1/contacts}), verbatim; the integration tests
 * use them too.
 */
public final class Seed001 {

  /** The seed's example request, whitespace included. */
  public static final String REQUEST =
      """
      {
          "contactKey": "acruz@example.com",
          "attributeSets": [{
              "name": "Email Addresses",
              "items": [{
                  "values": [{
                      "name": "Email Address",
                      "value": "acruz@example.com"
                  },
                  {
                      "name": "HTML Enabled",
                      "value": true
                  }]
              }]
          },
          {
              "name": "Email Demographics",
              "items": [{
                  "values": [{
                      "name": "Last Name",
                      "value": "Cruz"
                  },
                  {
                      "name": "First Name",
                      "value": "Angela"
                  },
                  {
                      "name": "Text Profile Attribute",
                      "value": "value 1"
                  },
                  {
                      "name": "Number Profile Attribute",
                      "value": 12345
                  }]
              }]
          },
          {
              "name": "MobileConnect Demographics",
              "items": [{
                  "values": [{
                      "name": "Mobile Number",
                      "value": "317-531-5555"
                  },
                  {
                      "name": "Locale",
                      "value": "US"
                  },
                  {
                      "name": "Status",
                      "value": 1
                  }]
              }]
          },
          {
              "name": "MobilePush Demographics",
              "items": [{
                  "values": [{
                      "name": "Device ID",
                      "value": 958405948
                  },
                  {
                      "name": "Application",
                      "value": 958405948
                  }]
              }]
          },
          {
              "name": "GroupConnect LINE Addresses",
              "items": [{
                  "values": [{
                      "name": "Address ID",
                      "value": "addressId_from_api"
                  }
                 ]
              }]
          },
          {

              "name": "GroupConnect LINE Subscriptions",
              "items": [{
                  "values": [{
                      "name": "Address ID",
                      "value": "addressId_from_api"
                   },
                   {
                      "name": "Channel ID",
                      "value": "1234567890"
                  }]
              }]
          },
          {
              "name": "GroupConnect LINE Demographics",
              "items": [{
                  "values": [{
                      "name": "Address ID",
                      "value": "addressId_from_api"
                  },
                  {
                      "name": "Display Name",
                      "value": "display_name"
                  },
                  {
                      "name": "Picture Url",
                      "value": "picture_url"
                  },
                  {
                      "name": "Status Message",
                      "value": "status_message"
                  }]
              }]
          }
        ]
      }""";

  /** The seed's example response: the shape (names, order, types) every answer must have. */
  public static final String RESPONSE =
      """
      {
          "operationStatus": "OK",
          "rowsAffetcted": 1,
          "contactKey": "acruz@example.com",
          "contactId": 12345678,
          "contactTypeID": 0,
          "isNewContactKey": false,
          "requestServiceMessageID": "8b51b524-28c1-46fc-9a44-02fca5b0a08c",
          "hasErrors": false,
          "resultMessages": [],
          "serviceMessageID": "80676c59-ceb9-48aa-ad35-81e150094a17"
      }""";

  private Seed001() {}
}
