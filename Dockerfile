# care-sync image: build with Maven, run on a JRE. The embedded PostgreSQL is not used here (the jar is built
# without its binaries); docker-compose.yml gives care-sync a PostgreSQL of its own through SPRING_DATASOURCE_*.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -Pexternal-postgres package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 caresync && mkdir -p /data && chown caresync /data
USER caresync
WORKDIR /app
COPY --from=build /src/api/target/care-sync.jar /app/care-sync.jar
COPY --from=build /src/care-simulator/target/care-simulator.jar /app/care-simulator.jar
ENV CARE_SYNC_DATA_DIR=/data
# two malloc arenas instead of glibc's eight per core: less resident memory (README, Performance)
ENV MALLOC_ARENA_MAX=2
EXPOSE 8080
# the serial collector: on the one or two cores of a facility's server it left more CPU to care-sync; a small initial
# heap that grows as needed instead of 1/64 of the machine's memory committed at start (README, Performance)
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms32m", "-XX:MaxRAMPercentage=75", "-jar", "/app/care-sync.jar"]
