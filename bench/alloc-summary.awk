# Summarizes an async-profiler allocation profile in collapsed form with byte totals (`asprof ... -e alloc` stopped
# with `-o collapsed --total`): the bytes allocated on the Java heap in the window, per unit of work, and by what
# (the allocated class, the innermost frame outside the JDK that allocated it, and the innermost of Tollgate's frames
# on the way there, when that is another).
#   awk -v count=N -v unit=message -f bench/report.awk -f bench/alloc-summary.awk alloc.collapsed
# A line is "[thread tid=N];frame;...;frame;class_[i] BYTES" ("_[k]" for objects allocated outside a TLAB), outermost
# frame first; Java frames are written with slashes. The first line printed is "BYTES PER-UNIT", for the script.
{
  bytes = $NF + 0
  stack = $0
  sub(/ [0-9]+$/, "", stack)
  depth = split(stack, frames, ";")
  class = frames[depth]
  sub(/_\[[ik]\]$/, "", class)
  site = ""; via = ""
  for (i = depth - 1; i >= 1 && frames[i] !~ /^\[/; i--) {
    if (site == "" && frames[i] !~ /^(java|jdk|sun)\// && frames[i] ~ /\//) site = frames[i]
    if (frames[i] ~ /^dev\/tollgate\//) { if (frames[i] != site) via = frames[i]; break }
  }
  if (site == "") site = "(JDK or JVM only)"
  if (via != "") site = site " (via " via ")"
  gsub(/\//, ".", site)
  total += bytes
  byClass[class] += bytes
  bySite[class " <- " site] += bytes
}
END {
  perUnit = count > 0 ? total / count : 0
  printf "%d %.0f\n", total, perUnit
  printf "%d bytes allocated on the heap in the window; %d %ss: %.0f bytes per %s\n", total, count, unit, perUnit, unit
  if (total == 0) exit
  report("by class", byClass, 10, total, 14)
  report("by class, the innermost frame outside the JDK that allocated it (and Tollgate's innermost on the way)",
    bySite, 15, total, 14)
}
