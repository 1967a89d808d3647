#!/usr/bin/env bash
# The whole test suite, as CI runs it. Installs the Debian packages the tests need (ffmpeg for the video
# sources, socat for the serial-sensor pseudo-terminals, influxdb for the store tests; later parts add mosquitto and chromium), restores, builds in Release with warnings
# as errors, runs every test project and prints one summary line: "N passed, N failed, N skipped".
# Usage: tools/test.sh [--no-install] [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

install=1
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
if [[ "${1:-}" == "--no-install" ]]; then install=0; shift; fi

# Debian packages the tests use. Each is checked by the binary it provides, so a machine that has them
# already does not touch apt at all.
declare -A need=([ffmpeg]=ffmpeg [ffprobe]=ffmpeg [socat]=socat [influxd]=influxdb [mosquitto]=mosquitto [mosquitto_sub]=mosquitto-clients [chromium]=chromium [openssl]=openssl [zbarimg]=zbar-tools [qemu-aarch64-static]=qemu-user-static)
missing=()
for bin in "${!need[@]}"; do
  # mosquitto lives in /usr/sbin, which a non-root PATH may lack.
  command -v "$bin" >/dev/null 2>&1 || [[ -x "/usr/sbin/$bin" ]] || missing+=("${need[$bin]}")
done
if (( ${#missing[@]} )); then
  if (( install )); then
    pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
    echo "test.sh: installing Debian packages: $pkgs"
    sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends $pkgs
  else
    echo "test.sh: missing Debian packages: ${missing[*]} (run without --no-install to install them)" >&2
    exit 1
  fi
fi

# ARM64 checks (tests/SmartCity.Arm64.Tests) run the linux-arm64 agent under qemu-aarch64-static with Debian's arm64
# libraries, installed through multiarch. dpkg-query answers in milliseconds when they are already there.
arm64_libs=(libc6:arm64 libstdc++6:arm64 libssl3:arm64 zlib1g:arm64 libicu72:arm64)
if ! dpkg-query -W -f='${Status}\n' "${arm64_libs[@]}" 2>/dev/null | grep -c 'install ok installed' | grep -qx "${#arm64_libs[@]}"; then
  if (( install )); then
    echo "test.sh: installing arm64 libraries for the qemu checks: ${arm64_libs[*]}"
    sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
    dpkg --print-foreign-architectures | grep -qx arm64 || $sudo_cmd dpkg --add-architecture arm64
    $sudo_cmd apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${arm64_libs[@]}"
  else
    echo "test.sh: missing arm64 libraries: ${arm64_libs[*]} (run without --no-install to install them)" >&2
    exit 1
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A Release build of the solution writes about 3 GiB of bin/ and obj/ (Directory.Build.targets keeps only the Linux
# native assets); a disk that runs out mid-build fails with hundreds of copy errors, so say so first.
free_kib=$(df -Pk . | awk 'NR==2 {print $4}')
if [[ "$free_kib" =~ ^[0-9]+$ ]] && (( free_kib < 4 * 1024 * 1024 )); then
  echo "test.sh: warning: only $((free_kib / 1024)) MiB free on $(df -P . | awk 'NR==2 {print $6}'); the build needs about 3 GiB" >&2
fi
# A test project left out of the solution would silently never run.
for proj in tests/*/*.csproj; do
  if ! grep -q "$(basename "$proj" .csproj)\"" SmartCity.sln; then
    echo "test.sh: $proj is not in SmartCity.sln, so its tests would not run; add it with: dotnet sln add $proj" >&2
    exit 1
  fi
done
dotnet build SmartCity.sln -c Release -warnaserror -nologo -v quiet
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test SmartCity.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# Sum the per-assembly result lines ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12 ...").
awk '/(Passed|Failed)!  - Failed:/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) }
         if ($i == "Passed:")  { p += $(i+1) }
         if ($i == "Skipped:") { s += $(i+1) }
       }
       n++
     }
     END {
       if (n == 0) { print "test.sh: no test results found"; exit 1 }
       printf "%d passed, %d failed, %d skipped\n", p, f, s
     }' FS='[ ,]+' "$log" || rc=1
exit "$rc"
