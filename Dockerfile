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
# The modules log through the slf4j API only and leave the backend to whoever runs them: the
# image picks slf4j-simple (to stderr, so `docker compose logs` shows it), at the parent's version.
RUN ./mvnw -B -q -N dependency:copy -DoutputDirectory=/app/lib \
      -Dartifact=org.slf4j:slf4j-simple:"$(sed -n 's:.*<slf4j.version>\(.*\)</slf4j.version>.*:\1:p' pom.xml)" \
 && mkdir -p /app/config \
 && printf '%s\n' \
      'org.slf4j.simpleLogger.defaultLogLevel=warn' \
      'org.slf4j.simpleLogger.log.org.contactpipeline=info' \
      'org.slf4j.simpleLogger.showDateTime=true' \
      > /app/config/simplelogger.properties

FROM eclipse-temurin:17-jre
ARG MAIN_CLASS
RUN test -n "$MAIN_CLASS" || (echo "build with --build-arg MAIN_CLASS=<service main class>" >&2; exit 1)
ENV MAIN_CLASS=${MAIN_CLASS}
# Not root; the state directories exist in the image so that named volumes mounted on them
# start out owned by this user.
RUN useradd --system --uid 10001 --home-dir /app contact-pipeline \
 && mkdir -p /var/lib/contact-pipeline/resolver \
 && chown -R contact-pipeline /var/lib/contact-pipeline
COPY --from=build /app/lib /app/lib
COPY --from=build /app/config /app/config
USER contact-pipeline
WORKDIR /app
# exec makes java PID 1, so `docker stop` (SIGTERM) reaches the services' shutdown hooks.
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -cp '/app/config:/app/lib/*' \"$MAIN_CLASS\" \"$@\"", "--"]
