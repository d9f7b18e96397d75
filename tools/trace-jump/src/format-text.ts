import type { JumpReport, LocalRootReport } from './report';

const ms = (value: number) => `${value.toFixed(2)} ms`;

function formatRoot(root: LocalRootReport): string[] {
  const lines = [`  ${root.name}  ${ms(root.durationMs)}  pyroscope.profile.id=${root.profileId}`];
  const profile = root.profile;
  if (profile.status === 'found') {
    lines.push(`    CPU ${ms(profile.totalCpuMs)}; top functions by self CPU:`);
    const width = Math.max(...profile.topFunctions.map((fn) => ms(fn.selfMs).length));
    for (const fn of profile.topFunctions) {
      lines.push(
        `      ${ms(fn.selfMs).padStart(width)}  ${fn.percent.toFixed(1).padStart(5)}%  ${fn.name}`,
      );
    }
  } else if (profile.status === 'no-samples') {
    lines.push('    no CPU samples: the span used less CPU than one sampling interval');
  } else {
    lines.push('    profile not in Pyroscope before the timeout');
  }
  lines.push(
    `    span in Grafana:        ${root.links.trace}`,
    `    flame graph in Grafana: ${root.links.profile}`,
  );
  return lines;
}

/** The human-readable report printed on stdout. */
export function formatText(report: JumpReport): string {
  const roots = report.services.reduce((sum, service) => sum + service.localRoots.length, 0);
  const lines = [
    `trace ${report.traceId}: ${report.spanCount} spans, ${roots} local root spans in ${report.services.length} services`,
  ];
  if (report.ride)
    lines.push(
      `ride ${report.ride.id} (${report.ride.request.vehicle}, ${report.ride.request.region}): ${report.ride.status}`,
    );
  for (const service of report.services) {
    lines.push('', service.service, ...service.localRoots.flatMap(formatRoot));
  }
  if (!report.complete)
    lines.push('', 'incomplete: the timeout ended the wait before everything was ingested');
  return `${lines.join('\n')}\n`;
}
