package org.contactpipeline.config;

import java.util.Map;
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
 *
 * <p>Kafka Streams creates the handler from its class name, so what it reports a dead letter to
 * comes in the Streams properties, as the {@link Runnable} under {@link #ON_DEAD_LETTER}.
 */
public final class RetryRegistryOutages extends LogAndContinueExceptionHandler {

  /** Streams property: a {@link Runnable} run once for every record this handler dead-letters. */
  public static final String ON_DEAD_LETTER = "contact.pipeline.on.dead.letter";

  private static final Logger LOG = LoggerFactory.getLogger(RetryRegistryOutages.class);

  private Runnable onDeadLetter = () -> {};

  @Override
  public void configure(Map<String, ?> configs) {
    super.configure(configs);
    if (configs.get(ON_DEAD_LETTER) instanceof Runnable listener) {
      onDeadLetter = listener;
    }
  }

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
    Response response = super.handleError(context, record, exception);
    if (response.result() == Result.RESUME && !response.deadLetterQueueRecords().isEmpty()) {
      onDeadLetter.run();
    }
    return response;
  }
}
