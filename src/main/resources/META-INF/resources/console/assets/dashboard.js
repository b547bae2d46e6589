// Ops dashboard: draws each chart from the JSON in its figure's data-series with uPlot (served from the jar under
// /webjars, loaded by the page before this module). A week without data is null: uPlot leaves a gap there.
// Each figure gets data-rendered="true" and data-points (values drawn) once drawn, for automation.

const SERIES = '#0b57d0';
const BAND = 'rgba(30, 107, 58, 0.16)';
const DIAGONAL = '#4a5360';

const formats = {
  percent: (v) => `${Math.round(v * 100)}%`,
  score: (v) => v.toFixed(1),
  ms: (v) => (v >= 10000 ? `${Math.round(v / 1000)} s` : `${Math.round(v)} ms`),
  usd: (v) => `$${v.toFixed(v < 1 ? 3 : 2)}`,
};

function format(unit, value) {
  if (value === null || value === undefined) return '–';
  return (formats[unit] ?? ((v) => String(v)))(value);
}

function yRange(unit, band) {
  if (unit === 'percent') return [0, 1];
  if (unit === 'score') return [1, 5];
  return (u, min, max) => {
    const top = Math.max(max ?? 0, band ? band[1] : 0);
    return [0, top > 0 ? top * 1.15 : 1];
  };
}

/** Shades the target band behind the series. */
function bandHook(band) {
  return (u) => {
    if (!band) return;
    const { ctx, bbox } = u;
    const y = u.scales.y;
    const top = u.valToPos(Math.min(band[1], y.max), 'y', true);
    const bottom = u.valToPos(Math.max(band[0], y.min), 'y', true);
    ctx.save();
    ctx.fillStyle = BAND;
    ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
    ctx.restore();
  };
}

function weekly(data) {
  const xs = data.weeks.map((_, i) => i);
  return {
    data: [xs, data.values],
    options: {
      scales: { x: { time: false, range: [-0.5, xs.length - 0.5] }, y: { range: yRange(data.unit, data.band) } },
      axes: [
        { incrs: [1, 2, 3, 4, 6], values: (u, splits) => splits.map((i) => (data.weeks[i] ?? '').replace(/^\d{4}-/, '')) },
        { size: data.unit === 'ms' || data.unit === 'usd' ? 72 : 56, values: (u, splits) => splits.map((v) => format(data.unit, v)) },
      ],
      series: [{}, {
        label: data.title, stroke: SERIES, width: 2, spanGaps: false,
        points: { show: true, size: 7, fill: SERIES, stroke: SERIES },
        value: (u, v) => format(data.unit, v),
      }],
      hooks: { drawClear: [bandHook(data.band)] },
    },
    points: data.values.filter((v) => v !== null).length,
  };
}

function histogram(data) {
  const xs = data.buckets.map((_, i) => i);
  return {
    data: [xs, data.counts],
    options: {
      scales: { x: { time: false, range: [-0.5, xs.length - 0.5] }, y: { range: (u, min, max) => [0, Math.max(1, max) * 1.15] } },
      axes: [
        { incrs: [1, 2], values: (u, splits) => splits.map((i) => data.buckets[i]?.split('–')[0] ?? '') },
        { size: 48 },
      ],
      series: [{}, {
        label: 'Answers', stroke: SERIES, fill: SERIES, width: 1,
        paths: uPlot.paths.bars({ size: [0.8, 80] }), points: { show: false },
      }],
    },
    points: data.counts.filter((c) => c > 0).length,
  };
}

function reliability(data) {
  return {
    data: [data.confidence, data.accuracy, data.confidence],
    options: {
      scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
      axes: [
        { values: (u, splits) => splits.map((v) => v.toFixed(1)) },
        { size: 48, values: (u, splits) => splits.map((v) => `${Math.round(v * 100)}%`) },
      ],
      series: [{}, {
        label: 'Accuracy', stroke: SERIES, width: 2, spanGaps: false,
        points: { show: true, size: 8, fill: SERIES, stroke: SERIES }, value: (u, v) => format('percent', v),
      }, {
        label: 'Perfect calibration', stroke: DIAGONAL, width: 1, dash: [6, 4], points: { show: false },
      }],
    },
    points: data.accuracy.filter((v) => v !== null).length,
  };
}

function draw(figure) {
  const data = JSON.parse(figure.dataset.series);
  const kind = figure.dataset.kind;
  const chart = kind === 'histogram' ? histogram(data) : kind === 'reliability' ? reliability(data) : weekly(data);
  const target = figure.querySelector('.plot');
  const size = () => ({ width: Math.max(200, Math.floor(target.clientWidth)), height: 180 });
  const plot = new uPlot({
    ...size(), ...chart.options, legend: { show: false }, cursor: { drag: { x: false, y: false } },
  }, chart.data, target);
  figure.dataset.points = String(chart.points);
  figure.dataset.rendered = 'true';
  let width = size().width;
  new ResizeObserver(() => {
    const next = size();
    if (next.width !== width) {
      width = next.width;
      plot.setSize(next);
    }
  }).observe(target);
}

document.querySelectorAll('figure[data-series]').forEach(draw);
