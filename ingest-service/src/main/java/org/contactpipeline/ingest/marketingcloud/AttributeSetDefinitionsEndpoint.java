package org.contactpipeline.ingest.marketingcloud;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.contactpipeline.ingest.http.QueryDialect;

/**
 * {@code GET /contacts/v1/attributeSetDefinitions}: the {@link ContactDataModel} that validation
 * uses, rendered in the vendor's shape, paged by {@code $page} (from 1) and {@code $pageSize} (1 to
 * 50, default 50) as the vendor's list endpoints are.
 */
final class AttributeSetDefinitionsEndpoint
    implements QueryDialect<
            AttributeSetDefinitionsEndpoint.Page,
            List<AttributeSetDefinitionsResponse.SetDefinition>,
            RequestRejection>,
        RefusesAsMarketingCloud {

  private static final int MAX_PAGE_SIZE = 50;

  private final List<AttributeSetDefinitionsResponse.SetDefinition> definitions;

  AttributeSetDefinitionsEndpoint(ContactDataModel model) {
    this.definitions = model.sets().stream().map(AttributeSetDefinitionsEndpoint::render).toList();
  }

  record Page(int page, int pageSize) {}

  @Override
  public Page read(Context ctx) {
    return new Page(
        pageParam(ctx, "$page", 1, Integer.MAX_VALUE),
        pageParam(ctx, "$pageSize", MAX_PAGE_SIZE, MAX_PAGE_SIZE));
  }

  /** The model is fixed at start: the page is cut from it, nothing is stored. */
  @Override
  public List<AttributeSetDefinitionsResponse.SetDefinition> run(Page page) {
    long from = (long) (page.page() - 1) * page.pageSize();
    return definitions.stream().skip(from).limit(page.pageSize()).toList();
  }

  @Override
  public void answer(
      Context ctx, Page page, List<AttributeSetDefinitionsResponse.SetDefinition> items) {
    ctx.json(
        new AttributeSetDefinitionsResponse(
            page.page(),
            page.pageSize(),
            definitions.size(),
            items,
            Map.of("self", new AttributeSetDefinitionsResponse.Link("/v1/attributeSetDefinitions")),
            UUID.randomUUID().toString(),
            List.of(),
            UUID.randomUUID().toString()));
  }

  private static int pageParam(Context ctx, String name, int fallback, int max) {
    String given = RequestValues.queryParam(ctx.queryParamMap(), name);
    if (given == null) {
      return fallback;
    }
    Long value = RequestValues.positiveLong(given);
    if (value == null || value > max) {
      throw new RequestRejection(
          "InvalidPaging", name + " must be a whole number from 1 to " + max, name);
    }
    return value.intValue();
  }

  private static AttributeSetDefinitionsResponse.SetDefinition render(AttributeSetDefinition set) {
    String setId = set.id().toString();
    List<AttributeSetDefinitionsResponse.Attribute> attributes = new ArrayList<>();
    for (int i = 0; i < set.attributes().size(); i++) {
      AttributeDefinition attribute = set.attributes().get(i);
      boolean text =
          attribute.type() != AttributeType.NUMBER && attribute.type() != AttributeType.BOOLEAN;
      attributes.add(
          new AttributeSetDefinitionsResponse.Attribute(
              set.attributeId(attribute).toString(),
              attribute.key(),
              new AttributeSetDefinitionsResponse.Name(attribute.name()),
              attribute.type().dataTypeName(),
              false,
              !attribute.required(),
              false,
              i + 1,
              text ? attribute.maxLength() : null,
              List.of(),
              set.name() + "." + attribute.name(),
              setId,
              true,
              false,
              false,
              true,
              "Set",
              "Created"));
    }
    return new AttributeSetDefinitionsResponse.SetDefinition(
        setId,
        set.key(),
        new AttributeSetDefinitionsResponse.Name(set.name()),
        set.name(),
        "DataExtension",
        false,
        false,
        false,
        false,
        List.of(),
        attributes,
        false,
        true,
        false,
        false,
        false,
        "Created");
  }
}
