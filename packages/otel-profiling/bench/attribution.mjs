// Attribution of the CPU time spent in the bench's burner functions:
// own = the sample's span_id is a request that used this very burner,
// other = a request that used another burner, unlabeled = no span_id.
const BURNER = /^benchBurn(\d\d)$/;

export function attribution(profiles, burnerOfSpan) {
  const totals = { own: 0, other: 0, unlabeled: 0 };
  for (const profile of profiles) {
    const strings = profile.stringTable.strings;
    const cpuIndex = profile.sampleType.findIndex((t) => strings[Number(t.type)] === 'cpu');
    if (cpuIndex === -1) throw new Error('profile has no cpu sample type');
    const burnerOfFunction = new Map();
    for (const fn of profile.function) {
      const match = BURNER.exec(strings[Number(fn.name)].replace(/^.*:(benchBurn\d\d):\d+$/, '$1'));
      if (match) burnerOfFunction.set(Number(fn.id), Number(match[1]));
    }
    const burnerOfLocation = new Map();
    for (const location of profile.location) {
      for (const line of location.line) {
        const burner = burnerOfFunction.get(Number(line.functionId));
        if (burner !== undefined) burnerOfLocation.set(Number(location.id), burner);
      }
    }
    for (const sample of profile.sample) {
      const cpu = Number(sample.value[cpuIndex]);
      if (cpu <= 0) continue;
      const burner = sample.locationId
        .map((id) => burnerOfLocation.get(Number(id)))
        .find((b) => b !== undefined);
      if (burner === undefined) continue;
      const spanLabel = sample.label.find((label) => strings[Number(label.key)] === 'span_id');
      const spanId = spanLabel === undefined ? undefined : strings[Number(spanLabel.str)];
      if (spanId === undefined || spanId === '') totals.unlabeled += cpu;
      else if (burnerOfSpan[spanId] === burner) totals.own += cpu;
      else totals.other += cpu;
    }
  }
  return totals;
}
