/**
 * `npm run bench -- <group> [...]`: runs benchmark groups side by side with their reference,
 * printing ratios. Groups: import (with the sample generator), sample, models, monitoring (or `all`).
 */
const GROUPS: Record<string, string[]> = {
  import: ['./import', './sample'],
  sample: ['./sample'],
  models: ['./models'],
  monitoring: ['./monitoring', './monitoring-sample'],
};

async function main() {
  const args = process.argv.slice(2);
  // `all` leaves out `sample` alone: `import` runs it already.
  const wanted = args.length === 0 || args.includes('all') ? Object.keys(GROUPS).filter((g) => g !== 'sample') : args;
  for (const g of wanted) {
    const mods = GROUPS[g];
    if (!mods) {
      console.error(`Unknown bench group "${g}". Groups: ${Object.keys(GROUPS).join(', ')}`);
      process.exit(2);
    }
    for (const m of mods) {
      const mod = (await import(m)) as { default: () => Promise<void> };
      await mod.default();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
