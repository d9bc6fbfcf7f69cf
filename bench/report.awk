# The table both profile summaries print (bench/profile-summary.awk, bench/alloc-summary.awk): loaded before them with
# a second -f, e.g. awk -f bench/report.awk -f bench/alloc-summary.awk FILE.
# report: a title, then the `limit` largest entries of `counts` (key -> count), largest first, each with its share of
# `of`, the count `width` characters wide.
function report(title, counts, limit, of, width,    k, n, i, keys, parts) {
  printf "== %s\n", title
  n = 0
  for (k in counts) { n++; keys[n] = sprintf("%015d\t%s", counts[k], k) }
  asort(keys)
  for (i = n; i >= 1 && i > n - limit; i--) {
    split(keys[i], parts, "\t")
    printf "%*d %5.1f%%  %s\n", width, parts[1] + 0, 100 * parts[1] / of, parts[2]
  }
}
