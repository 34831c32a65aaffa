/*
 * yjplan performance charts. Plain browser script (no modules), loaded after chart.umd.min.js.
 * Draws every <canvas data-chart="config-id"> from the JSON in <script type="application/json" id="config-id">
 * (a ChartSpec: type, labels, series [{key, label, data}], yTitle, precision, suffix).
 * Signals for the PDF printer: html[data-charts-ready="true"] and window.yjplanCharts = { expected, drawn },
 * or html[data-charts-error] with the message.
 */
(function () {
  'use strict';

  var root = document.documentElement;
  var TEXT = '#0b0c0c';
  var GRID = '#d9d9d9';
  var COMPARATOR_BAR = '#505a5f';

  // Okabe–Ito colours (safe for colour-blind readers), each with its own dash and point shape so that colour
  // is never the only way to tell the lines apart. The local series is solid and thicker.
  var STYLES = {
    local: { color: '#0072B2', dash: [], point: 'circle', width: 3.5, radius: 4 },
    national: { color: '#000000', dash: [8, 4], point: 'rect', width: 2, radius: 4 },
    region: { color: '#D55E00', dash: [2, 3], point: 'triangle', width: 2, radius: 5 },
    pcc: { color: '#CC79A7', dash: [10, 3, 2, 3], point: 'rectRot', width: 2, radius: 5 },
    family: { color: '#009E73', dash: [14, 6], point: 'crossRot', width: 2, radius: 5 }
  };

  function styleFor(key) {
    return STYLES[key] || STYLES.national;
  }

  function format(value, spec) {
    if (value === null || value === undefined) return 'no figure';
    return Number(value).toLocaleString('en-GB', { minimumFractionDigits: spec.precision, maximumFractionDigits: spec.precision }) + (spec.suffix || '');
  }

  function axes(spec, xTitle) {
    return {
      x: { title: { display: !!xTitle, text: xTitle, color: TEXT }, ticks: { color: TEXT }, grid: { color: GRID } },
      y: {
        beginAtZero: true,
        title: { display: !!spec.yTitle, text: spec.yTitle, color: TEXT },
        ticks: {
          color: TEXT,
          callback: function (value) {
            var whole = Number(value) === Math.round(Number(value));
            return Number(value).toLocaleString('en-GB', { minimumFractionDigits: whole ? 0 : spec.precision, maximumFractionDigits: Math.max(spec.precision, 2) }) + (spec.suffix || '');
          }
        },
        grid: { color: GRID }
      }
    };
  }

  function baseOptions(spec, xTitle) {
    var options = {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: axes(spec, xTitle),
      plugins: {
        legend: { labels: { color: TEXT, usePointStyle: true } },
        tooltip: {
          callbacks: {
            label: function (context) {
              var name = context.dataset.label ? context.dataset.label + ': ' : '';
              return name + format(context.raw, spec);
            }
          }
        }
      }
    };
    if (root.dataset.print === 'true') options.devicePixelRatio = 3;
    return options;
  }

  /** Several periods: one line per series, local first. */
  function lineConfig(spec) {
    return {
      type: 'line',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series) {
          var style = styleFor(series.key);
          return {
            label: series.label,
            data: series.data,
            borderColor: style.color,
            backgroundColor: style.color,
            borderWidth: style.width,
            borderDash: style.dash,
            pointStyle: style.point,
            pointRadius: style.radius,
            pointHoverRadius: style.radius + 2,
            pointBorderWidth: 2,
            spanGaps: false,
            order: series.key === 'local' ? 0 : 1
          };
        })
      },
      options: baseOptions(spec, '')
    };
  }

  /** One period: a bar per series, named on the axis, so the names (not the colours) say which is which. */
  function barConfig(spec) {
    var options = baseOptions(spec, spec.labels[0] || '');
    options.plugins.legend = { display: false };
    return {
      type: 'bar',
      data: {
        labels: spec.series.map(function (series) { return series.label; }),
        datasets: [
          {
            label: spec.labels[0] || '',
            data: spec.series.map(function (series) { return series.data[0]; }),
            backgroundColor: spec.series.map(function (series) { return series.key === 'local' ? STYLES.local.color : COMPARATOR_BAR; }),
            borderColor: TEXT,
            borderWidth: 1
          }
        ]
      },
      options: options
    };
  }

  function drawAll() {
    var canvases = document.querySelectorAll('canvas[data-chart]');
    var expected = canvases.length;
    var drawn = 0;
    var errors = [];
    window.yjplanCharts = { expected: expected, drawn: 0 };
    if (expected > 0 && typeof window.Chart !== 'function') {
      root.dataset.chartsError = 'Chart.js is not loaded (assets/chart.umd.min.js)';
      return;
    }
    if (window.Chart && window.Chart.defaults) {
      // GOV.UK Frontend sets its font on classes, not on body: borrow it from a paragraph of body text.
      var sample = document.querySelector('.govuk-body') || document.body;
      window.Chart.defaults.font.family = window.getComputedStyle(sample).fontFamily || 'arial, sans-serif';
      window.Chart.defaults.color = TEXT;
    }
    for (var i = 0; i < canvases.length; i++) {
      var canvas = canvases[i];
      var configId = canvas.getAttribute('data-chart');
      try {
        var script = document.getElementById(configId);
        if (!script) throw new Error('no chart data with id "' + configId + '"');
        var spec = JSON.parse(script.textContent);
        new window.Chart(canvas, spec.type === 'bar' ? barConfig(spec) : lineConfig(spec));
        drawn++;
      } catch (error) {
        errors.push((canvas.id || configId) + ': ' + (error && error.message ? error.message : String(error)));
      }
    }
    window.yjplanCharts = { expected: expected, drawn: drawn };
    if (errors.length > 0) root.dataset.chartsError = errors.join('; ');
    else root.dataset.chartsReady = 'true';
  }

  function start() {
    try {
      drawAll();
    } catch (error) {
      root.dataset.chartsError = error && error.message ? error.message : String(error);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
