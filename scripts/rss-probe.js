// Preloaded (node -r) into every benchmarked process, the floor's and ours alike: on exit, writes the
// process's peak resident set size in MiB to the file named by RSS_PROBE_FILE.
"use strict";
process.on("exit", () => {
  const file = process.env.RSS_PROBE_FILE;
  if (file) require("fs").writeFileSync(file, String(process.resourceUsage().maxRSS / 1024));
});
