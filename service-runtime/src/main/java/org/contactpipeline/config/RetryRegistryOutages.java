package org.contactpipeline.config;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.contactpipeline.schemas.registry.SchemaRegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's Streams deserialization handler: an undecodable record goes to the dead-letter
 * topic and processing continues (as {@link LogAndContinueExceptionHandler}), except when the
 * record could not be decoded only because the schema registry was unreachable. That record is
 * fine; dead-lettering it would lose it. Failing stops the stream thread without committing past
 * it, and the restarted application (its supervisor restarts the process) reads it again.
 */
public final class RetryRegistryOutages extends LogAndContinueExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RetryRegistryOutages.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (SchemaRegistryUnavailableException.isCause(exception)) {
      LOG.error(
          "cannot decode {}-{}@{} while the schema registry is unreachable; stopping so that it is read again "
              + "after a restart rather than dead-lettered: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          exception.getMessage());
      return Response.fail();
    }
    return super.handleError(context, record, exception);
  }
}
