// A live reading over the last two minutes, drawn with uPlot: clock time across, the reading in its unit up.

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { h } from "./ui";

const WINDOW_S = 120, REDRAW_MS = 250;

export class LiveChart {
  readonly element: HTMLElement;
  private readonly area = h("div", {});
  private readonly caption: HTMLElement;
  private readonly times: number[] = [];
  private readonly values: number[] = [];
  private plot: uPlot | null = null;
  private drawn = 0;

  /**
   * {@code scale} turns a reading into the unit shown (100 for a 0-1 reading shown as 0-100); without a fixed
   * {@code range} the axis runs from 0 to the highest reading, and at least to {@code floor}.
   */
  constructor(private readonly label: string, private readonly unit: string, private readonly range?: [number, number],
    private readonly scale = 1, private readonly floor = 5) {
    this.caption = h("figcaption", {}, label);
    this.element = h("figure", { role: "img", "aria-label": label }, this.area, this.caption);
  }

  /** Adds a reading; redraws at most four times a second, so that charts never slow the live scan. */
  push(reading: number, now = Date.now()): void {
    const value = reading * this.scale;
    this.times.push(now / 1000);
    this.values.push(value);
    while (this.times[0] < now / 1000 - WINDOW_S) { this.times.shift(); this.values.shift(); }
    const text = `${this.label}: ${Number.isInteger(value) ? value : value.toFixed(1)} ${this.unit}`;
    this.caption.textContent = text;
    this.element.setAttribute("aria-label", text);
    if (now - this.drawn < REDRAW_MS) return;
    this.drawn = now;
    const data: uPlot.AlignedData = [this.times, this.values];
    if (this.plot) { this.plot.setData(data); return; }
    this.plot = new uPlot({
      width: 260, height: 130, legend: { show: false }, cursor: { show: false },
      scales: { x: { time: true }, y: { range: this.range ?? ((_, __, max) => [0, Math.max(this.floor, max)]) } },
      axes: [{ stroke: "currentColor", size: 24, space: 70, ticks: { size: 4 },
        values: (_, ticks) => ticks.map((t) => new Date(t * 1000).toLocaleTimeString([], { hour12: false })) },
      { stroke: "currentColor", label: this.unit, size: 44, labelSize: 14, ticks: { size: 4 } }],
      series: [{}, { stroke: "#2a6df4", width: 2, points: { show: false } }],
    }, data, this.area);
  }
}
