# One image for the three services and the `contacts` tool; the build argument MAIN_CLASS picks
# which one a container runs (docker-compose.yml passes it per service), and MAIN_CLASS in the
# environment overrides it at run time, e.g.
#   docker run --rm -e MAIN_CLASS=org.contactpipeline.tools.ContactsCommand <image> admin check
# Layers before MAIN_CLASS are shared, so the builds compile the code once.

# Built with the project's own Maven wrapper, so the image uses exactly the Maven version the
# repository pins (.mvn/wrapper/maven-wrapper.properties), like every other build of it.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The services' modules and the tools module, with what they need, each with its runtime
# dependencies in target/dependency (ingest-service also builds a jar of its test catalogues for
# local-stack; the image leaves it out).
RUN ./mvnw -B -q -DskipTests -pl resolver-streams,sink-service,ingest-service,tools -am \
      package dependency:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /app/lib \
 && for module in resolver-streams sink-service ingest-service tools; do \
      cp "$module"/target/dependency/*.jar "$module"/target/"$module"-*.jar /app/lib/; \
    done \
 && rm -f /app/lib/*-tests.jar

FROM eclipse-temurin:17-jre
ARG MAIN_CLASS
RUN test -n "$MAIN_CLASS" || (echo "build with --build-arg MAIN_CLASS=<service main class>" >&2; exit 1)
ENV MAIN_CLASS=${MAIN_CLASS}
# Logs as JSON lines on stderr (service-runtime's logback.xml; fields in docs/operations.md).
# LOG_FORMAT=plain in a container's environment turns them back into text.
ENV LOG_FORMAT=json
# Not root; the state directories exist in the image so that named volumes mounted on them
# start out owned by this user.
RUN useradd --system --uid 10001 --home-dir /app contact-pipeline \
 && mkdir -p /var/lib/contact-pipeline/resolver \
 && chown -R contact-pipeline /var/lib/contact-pipeline
COPY --from=build /app/lib /app/lib
COPY deploy/docker/start-service.sh /app/start-service.sh
USER contact-pipeline
WORKDIR /app
# The script execs java, so java is PID 1 and `docker stop` (SIGTERM) reaches the services'
# shutdown hooks. CLASS_ARCHIVE_DIR (unset here) keeps an AppCDS archive for faster restarts.
ENTRYPOINT ["/app/start-service.sh"]
