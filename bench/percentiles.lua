-- wrk reporter: the latency percentiles the issue sets targets on (p95
-- is not in wrk's own --latency table), and the error count.
done = function(summary, latency, requests)
  io.write(string.format("requests %d in %.1f s (%.0f/s), errors %d\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
  for _, p in ipairs({ 50, 90, 95, 99 }) do
    io.write(string.format("p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
