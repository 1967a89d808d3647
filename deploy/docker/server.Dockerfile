# syntax=docker/dockerfile:1
# The SmartCity cloud host (cloud/SmartCity.Cloud.Server): MQTT ingest on the shared subscription, the time-series
# store client, the dashboard/API and (when the host maps it) the enrollment endpoint, in one process.
# Build from the repository root:  docker build -f deploy/docker/server.Dockerfile -t smartcity/server:dev .
# NOT BUILT in the session that wrote it (no Docker there); the dotnet publish step below was run outside Docker.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, on the project files only, so a code change does not re-download packages.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY edge/ edge/
COPY cloud/ cloud/
RUN dotnet restore cloud/SmartCity.Cloud.Server/SmartCity.Cloud.Server.csproj
RUN dotnet publish cloud/SmartCity.Cloud.Server/SmartCity.Cloud.Server.csproj -c Release --no-restore -o /app \
    && rm -f /app/*.pdb

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# A non-root user with a fixed uid, so volume permissions are predictable.
RUN groupadd --system --gid 10001 smartcity && useradd --system --uid 10001 --gid smartcity --home /data smartcity \
    && mkdir -p /data && chown smartcity:smartcity /data
WORKDIR /app
COPY --from=build /app ./
USER 10001:10001
ENV DOTNET_gcServer=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["./smartcity-server"]
# --listen 0.0.0.0: the server binds 127.0.0.1 by default, which is unreachable from outside a container.
CMD ["--devices", "0", "--data", "/data", "--listen", "0.0.0.0"]
