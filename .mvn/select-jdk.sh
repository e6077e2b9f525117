# Sourced by ./mvnw, ./ballast and .ci/run: makes JAVA_HOME point at a JDK 25 or newer.
# Keeps a JAVA_HOME that already is 25+, else takes the newest /usr/lib/jvm/*25* (or later) it finds,
# else stops with a message saying what to install.
ballast_java_feature() {
  # prints the feature version (17, 25, ...) of the JDK at $1, or nothing
  [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
ballast_select_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(ballast_java_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then return 0; fi
  fi
  # globbing may be off in the caller (mvnw runs under set -f)
  case $- in *f*) ballast_noglob=1; set +f ;; *) ballast_noglob=0 ;; esac
  ballast_candidates=$(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]* /usr/lib/jvm/*3[0-9]* 2>/dev/null || true)
  [ "$ballast_noglob" = 1 ] && set -f
  for candidate in $ballast_candidates; do
    [ -d "$candidate" ] || continue
    v=$(ballast_java_feature "$candidate")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then
      JAVA_HOME="$candidate"; export JAVA_HOME; return 0
    fi
  done
  echo "Ballast needs a JDK 25 or newer: set JAVA_HOME to one, or install one under /usr/lib/jvm" >&2
  echo "(found JAVA_HOME='${JAVA_HOME-}', no /usr/lib/jvm/*25* with bin/javac)" >&2
  exit 1
}
ballast_select_jdk
