# Sourced by the other scripts: points JAVA_HOME at a JDK 21 or newer (the build needs it;
# the machine's default java may be 17). An existing JAVA_HOME of 21+ is kept.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
pick_jdk21() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME=$candidate
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "[java] no JDK 21+ found: set JAVA_HOME to one (e.g. Temurin 21 or 25)" >&2
  return 1
}
pick_jdk21
