/*
 * The Insights tab's chart: conversations and visitor messages per day, drawn by uPlot (vendor/uplot, served by
 * the server itself). The days are UTC days, as the API counts them, so the axis is labelled in UTC too.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;

  var colors = { conversations: '#10b981', messages: '#4f46e5' };

  /** Seconds since the epoch at the start of a UTC day written YYYY-MM-DD. */
  function dayStart(date) {
    return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 1000;
  }

  function height(width) {
    return width < 480 ? 200 : 260;
  }

  /**
   * Draws per_day into a new node and keeps it as wide as its card. Returns { node, destroy }.
   * A table of the same numbers, for screen readers, stands beside the canvas.
   */
  P.insightsChart = function (perDay) {
    var node = h('div.insights-chart', { 'data-days': String(perDay.length) });
    var data = [
      perDay.map(function (d) { return dayStart(d.date); }),
      perDay.map(function (d) { return d.conversations; }),
      perDay.map(function (d) { return d.visitor_messages; })
    ];
    var plot = null;

    function value(series) {
      var sum = data[series].reduce(function (a, b) { return a + b; }, 0);
      return function (u, v) { return (v == null ? sum : v).toLocaleString(); };
    }
    var observer = null;

    function draw() {
      var width = Math.floor(node.clientWidth);
      if (width <= 0) {
        return;
      }
      if (plot) {
        plot.setSize({ width: width, height: height(width) });
        return;
      }
      var bars = window.uPlot.paths.bars({ size: [0.7, 28], gap: 1 });
      plot = new window.uPlot({
        width: width,
        height: height(width),
        tzDate: function (ts) { return window.uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
        cursor: { drag: { x: false, y: false }, points: { size: 7 } },
        legend: { live: true },
        scales: {
          // Half a day of room at each end, so the first and last days' bars are whole.
          x: { time: true, range: function (u, min, max) { return [min - 43200, max + 43200]; } },
          // Counts: from zero, and at least up to 1 so an all-zero range still has an axis.
          y: { range: function (u, min, max) { return [0, Math.max(1, Math.ceil(max * 1.15))]; } }
        },
        axes: [
          { stroke: '#6b7280', grid: { stroke: '#f1f2f5' }, ticks: { stroke: '#e5e7eb' } },
          {
            stroke: '#6b7280',
            grid: { stroke: '#f1f2f5' },
            ticks: { stroke: '#e5e7eb' },
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000],
            size: 44
          }
        ],
        // Away from the chart the legend reads the whole range; over a day, that day.
        series: [
          { label: 'Day', value: function (u, ts) { return ts == null ? 'all ' + perDay.length + ' days' : new Date(ts * 1000).toISOString().slice(0, 10); } },
          { label: 'Conversations', stroke: colors.conversations, width: 2, points: { size: 5, fill: colors.conversations }, value: value(1) },
          { label: 'Visitor messages', stroke: colors.messages, fill: 'rgba(79, 70, 229, .22)', width: 1, paths: bars, points: { show: false }, value: value(2) }
        ]
      }, data, node);
    }

    // The node has no width until it is on the page: draw on the first measure, then follow the card's width.
    if (window.ResizeObserver) {
      observer = new ResizeObserver(function () { draw(); });
      observer.observe(node);
    } else {
      requestAnimationFrame(draw);
    }

    // In a box of its own: a table ignores the 1 px width .sr-only gives it, and would widen a phone's page.
    var table = h('div.sr-only', h('table',
      h('caption', 'Conversations and visitor messages per day (UTC)'),
      h('thead', h('tr', h('th', 'Day'), h('th', 'Conversations'), h('th', 'Visitor messages'))),
      h('tbody', perDay.map(function (d) {
        return h('tr', h('td', d.date), h('td', String(d.conversations)), h('td', String(d.visitor_messages)));
      }))));

    return {
      node: h('div', node, table),
      destroy: function () {
        if (observer) {
          observer.disconnect();
        }
        if (plot) {
          plot.destroy();
        }
      }
    };
  };
})();
