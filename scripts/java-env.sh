# Sourced by the other scripts: points JAVA_HOME at a JDK 25 or newer (the machine's default java
# may be 17): the build needs 21, and the server's jvm.options use JDK 25's compact object headers
# (README "Memory"), which an older JVM refuses to start with. An existing JAVA_HOME of 25+ is kept.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME=$candidate
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "[java] no JDK 25+ found: set JAVA_HOME to one (e.g. Temurin 25)" >&2
  return 1
}
pick_jdk
