// Live scan: camera frames to a face session over its WebSocket; readings drawn as they come back.

import { api, headers, ok, scored, session, type Schemas } from "./api";
import { LiveChart } from "./livechart";
import { facts, failure, h, percentile } from "./ui";

/** FaceMesh's eye contours (the subject's right eye, then left), their first two points the corners; 1 is the nose tip. */
const EYES = [[33, 133, 7, 163, 144, 145, 153, 154, 155, 173, 157, 158, 159, 160, 161, 246],
  [263, 362, 249, 390, 373, 374, 380, 381, 382, 398, 384, 385, 386, 387, 388, 466]];
const NOSE_TIP = 1;

interface Box { x: number; y: number; width: number; height: number }
export type Fused = Schemas["Fused"];
export type Aggregates = Schemas["SessionAggregates"];
/** A frame as the session's WebSocket answers it (the API's FrameView), with the face's box as the overlay reads it. */
type Frame = Omit<Schemas["FrameView"], "face" | "emotion" | "landmarks" | "aggregates"> & {
  face: { box: Box; image: { width: number; height: number } };
  landmarks: [number, number][];
  aggregates: Aggregates;
  emotion: { label: string; confidence: number; probabilities: Record<string, number> };
};

const WIDTH = 320, HEIGHT = 240, IN_FLIGHT = 3;

export function scanPage(main: HTMLElement, navigate: (hash: string) => void): () => void {
  const video = h("video", { autoplay: true, muted: true, playsinline: true, width: WIDTH, height: HEIGHT });
  const overlay = h("canvas", { width: WIDTH, height: HEIGHT, class: "overlay", "aria-hidden": "true" });
  const stage = h("div", { class: "stage" }, video, overlay, h("p", { class: "off" }, "Camera off: press Start camera. Frames go to this service only."));
  const grab = h("canvas", { width: WIDTH, height: HEIGHT, hidden: true });
  const status = h("p", { "data-field": "scan-status", role: "status" }, "Camera off.");
  const readings = h("div", { class: "readings" });
  const fusedOut = h("div", { role: "status", "aria-label": "fused stress" });
  const charts = { stress: new LiveChart("Stress EMA", "score 0-100", [0, 100], 100), focus: new LiveChart("Focus EMA", "score 0-100", [0, 100], 100),
    blinks: new LiveChart("Blinks", "per minute", undefined, 1, 20), perclos: new LiveChart("PERCLOS", "% eyes closed", [0, 100], 100),
    yawns: new LiveChart("Yawns", "in the session") };
  const chartArea = h("div", { class: "charts" }, ...Object.values(charts).map((chart) => chart.element));
  const latencies: number[] = [], answered: number[] = [];
  let socket: WebSocket | null = null, stream: MediaStream | null = null, sent: number[] = [];
  let running = false, lastFrame: Frame | null = null, sessionId = "";

  const start = h("button", { type: "button", onclick: () => void begin() }, "Start camera");
  const stop = h("button", { type: "button", disabled: true, onclick: () => end("Stopped.") }, "Stop");
  const prove = h("button", { type: "button", disabled: true, onclick: () => void proveNow() }, "Prove this frame");
  const finish = h("button", { type: "button", disabled: true, onclick: () => void finishNow() }, "Finish and prove this session");
  const wearable = h("input", { type: "file", accept: "application/json,.json", disabled: true,
    "aria-label": "Attach a wearable recording to this session", onchange: () => void attach() });

  async function begin(): Promise<void> {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: WIDTH, height: HEIGHT }, audio: false });
      video.srcObject = stream;
      await video.play();
      stage.classList.add("live");
      const opened = await ok(api.POST("/v1/sessions"));
      const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/v1/sessions/${opened.id}/stream`;
      socket = new WebSocket(url, ["veriscore.v1", session.key() ?? ""]);
      socket.onopen = () => { running = true; status.textContent = `Session ${opened.id}: streaming.`; for (let i = 0; i < IN_FLIGHT; i++) next(); };
      socket.onmessage = (event) => answer(JSON.parse(event.data));
      socket.onclose = () => end(running ? "The stream closed." : "Could not open the stream.");
      start.disabled = true; stop.disabled = false; prove.disabled = false; finish.disabled = false; wearable.disabled = false;
      sessionId = opened.id;
      status.setAttribute("data-session", opened.id);
    } catch (error) {
      end("");
      status.replaceChildren(failure(error));
    }
  }

  function next(): void {
    if (!running || !socket || socket.readyState !== WebSocket.OPEN) return;
    grab.getContext("2d")?.drawImage(video, 0, 0, WIDTH, HEIGHT);
    grab.toBlob(async (blob) => {
      if (!blob || !socket || socket.readyState !== WebSocket.OPEN) return;
      sent.push(performance.now());
      socket.send(JSON.stringify({ image: await base64(blob), capturedAt: new Date().toISOString() }));
    }, "image/jpeg", 0.8);
  }

  function answer(message: Frame | { problem: { status: number; detail: string } }): void {
    const now = performance.now(), began = sent.shift();
    if (began !== undefined) latencies.push(now - began);
    if (latencies.length > 5000) latencies.shift();
    answered.push(now);
    while (answered.length && answered[0] < now - 2000) answered.shift();
    if ("problem" in message) {
      readings.querySelector(".frame-problem")?.remove();
      readings.prepend(h("p", { class: "frame-problem", role: "alert" }, message.problem.detail));
      drawOverlay(null);
    } else {
      lastFrame = message;
      readings.querySelector(".frame-problem")?.remove();
      drawOverlay(message);
      showReadings(message, now);
    }
    next();
  }

  function drawOverlay(frame: Frame | null): void {
    const g = overlay.getContext("2d");
    if (!g) return;
    g.clearRect(0, 0, WIDTH, HEIGHT);
    overlay.setAttribute("data-face", frame ? "yes" : "no");
    if (!frame) return;
    const sx = WIDTH / frame.face.image.width, sy = HEIGHT / frame.face.image.height, b = frame.face.box;
    g.strokeStyle = "#00d084"; g.lineWidth = 2;
    g.strokeRect(b.x * sx, b.y * sy, b.width * sx, b.height * sy);
    g.fillStyle = "rgba(255,255,255,0.8)";
    for (const [x, y] of frame.landmarks ?? []) g.fillRect(x * sx - 0.5, y * sy - 0.5, 1.2, 1.2);
    if (frame.pose && frame.landmarks?.length) drawPose(g, frame, sx, sy);
  }

  /** The head's axes from the nose tip (x red, y green, z blue, towards the camera), and each iris's offset as an arrow. */
  function drawPose(g: CanvasRenderingContext2D, frame: Frame, sx: number, sy: number): void {
    const { yaw, pitch, roll } = frame.pose!, [nx, ny] = frame.landmarks[NOSE_TIP];
    const r = rotation(yaw, pitch, roll), length = 0.25 * frame.face.box.height * sy;
    [["#e5484d", 0], ["#30a46c", 1], ["#3e63dd", 2]].forEach(([color, axis]) => {
      const column = axis as number; // the face's axis in the camera's frame: y up, so the image's y turns round
      g.strokeStyle = color as string; g.lineWidth = 2.5; g.beginPath();
      g.moveTo(nx * sx, ny * sy);
      g.lineTo(nx * sx + length * r[column], ny * sy - length * r[3 + column]);
      g.stroke();
    });
    if (!frame.gaze) return;
    g.strokeStyle = "#ffd60a"; g.lineWidth = 2;
    for (const eye of EYES) {
      const points = eye.map((i) => frame.landmarks[i]);
      const cx = points.reduce((sum, p) => sum + p[0], 0) / points.length, cy = points.reduce((sum, p) => sum + p[1], 0) / points.length;
      const width = Math.hypot(points[1][0] - points[0][0], points[1][1] - points[0][1]);
      g.beginPath();
      g.moveTo(cx * sx, cy * sy);
      g.lineTo((cx + 2 * frame.gaze.x * width) * sx, (cy + 2 * frame.gaze.y * width) * sy);
      g.stroke();
    }
  }

  function showReadings(frame: Frame, now: number): void {
    const a = frame.aggregates, fps = answered.length > 1 ? (answered.length - 1) / ((now - answered[0]) / 1000) : 0;
    charts.stress.push(a.stress.ema); charts.perclos.push(a.perclos); charts.focus.push(a.focus?.ema ?? 0);
    main.setAttribute("data-yaw", String(frame.pose?.yaw ?? ""));
    charts.blinks.push(a.blinks.perMinute ?? 0); charts.yawns.push(a.yawns);
    const probabilities = Object.entries(frame.emotion.probabilities).sort(([, x], [, y]) => y - x);
    readings.replaceChildren(
      facts([
        ["Stress", (frame.stress * 100).toFixed(1), "stress"],
        ["Stress EMA", `${(a.stress.ema * 100).toFixed(1)} (${a.stress.trend})`, "stress-ema"],
        ["Emotion", `${frame.emotion.label} ${(frame.emotion.confidence * 100).toFixed(0)} %`, "emotion"],
        ["Frames", a.frames, "frames"],
        ["Frames/s", fps.toFixed(1), "fps"],
        ["Latency p50 / p99", `${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} ms`, "latency"],
        ["Blinks", `${a.blinks.total} (${a.blinks.perMinute?.toFixed(1) ?? "–"}/min)`, "blinks"],
        ["PERCLOS", (a.perclos * 100).toFixed(1) + " %", "perclos"],
        ["Yawns", a.yawns, "yawns"],
        ["Stress spikes", a.stress.spikes.length, "spikes"],
        ["Head yaw / pitch / roll", frame.pose ? `${frame.pose.yaw.toFixed(0)}° / ${frame.pose.pitch.toFixed(0)}° / ${frame.pose.roll.toFixed(0)}°` : "–", "pose"],
        ["Gaze offset", frame.gaze ? `${(frame.gaze.offset * 100).toFixed(0)} % of an eye's width` : "–", "gaze"],
        ["Focus", frame.focus ? `${(frame.focus.score * 100).toFixed(0)} (face ${(frame.focus.face * 100).toFixed(0)}, eyes ${(frame.focus.eye * 100).toFixed(0)})` : "–", "focus"],
        ["Focus EMA", a.focus ? `${(a.focus.ema * 100).toFixed(0)} (${(a.focus.focusedShare * 100).toFixed(0)} % of frames focused)` : "–", "focus-ema"],
      ]),
      h("span", { hidden: true, "data-field": "yaw" }, String(frame.pose?.yaw ?? "")),
      h("div", { class: "bars", "aria-label": "emotion probabilities" }, ...probabilities.map(([label, p]) =>
        h("div", { class: "bar" }, h("span", {}, label), h("meter", { min: 0, max: 1, value: p }), `${(p * 100).toFixed(0)} %`))),
      chartArea,
    );
    main.setAttribute("data-latency-ms", JSON.stringify(latencies));
    if (a.fused) showFused(a.fused);
  }

  function showFused(fused: Fused): void {
    fusedOut.replaceChildren(fusedFacts(fused));
  }

  async function attach(): Promise<void> {
    const file = wearable.files?.[0];
    if (!file || !sessionId) return;
    try {
      const answer = await ok(api.POST("/v1/sessions/{id}/wearable", { params: { path: { id: sessionId } },
        body: { recording: JSON.parse(await file.text()), capturedAt: new Date().toISOString() } }));
      if (answer.aggregates?.fused) showFused(answer.aggregates.fused);
      else fusedOut.replaceChildren(h("p", {}, `Wearable: ${answer.label} (${(answer.stress * 100).toFixed(0)}); fused once a face is read.`));
    } catch (error) { fusedOut.replaceChildren(failure(error)); }
  }

  async function finishNow(): Promise<void> {
    const id = sessionId;
    finish.disabled = true;
    end("Finishing the session…");
    try {
      await ok(api.POST("/v1/sessions/{id}/summary", { params: { path: { id }, query: { prove: true } } }));
      navigate(`#/sessions/${id}`);
    } catch (error) { status.replaceChildren(failure(error)); }
  }

  async function proveNow(): Promise<void> {
    if (!lastFrame) { status.replaceChildren(failure("no face read yet: wait for a score, then prove")); return; }
    const blob = await new Promise<Blob | null>((resolve) => grab.toBlob(resolve, "image/jpeg", 0.9));
    try {
      const [result] = scored(await ok(api.POST("/v1/inferences",
        { body: { model: "stress-mlp", image: await base64(blob!), capturedAt: new Date().toISOString(), prove: true } })));
      end("Stopped to prove a frame.");
      navigate(`#/results/${result.id}`);
    } catch (error) {
      status.replaceChildren(failure(error));
    }
  }

  function end(text: string): void {
    running = false;
    socket?.close(); socket = null; sent = [];
    stream?.getTracks().forEach((track) => track.stop()); stream = null;
    stage.classList.remove("live");
    start.disabled = false; stop.disabled = true; prove.disabled = true; wearable.disabled = true;
    finish.disabled = !sessionId || text !== "Stopped.";
    if (text) status.textContent = text;
  }

  const models = h("p", { class: "models", "data-field": "models" }, "Models: loading…");
  ok(api.GET("/v1/models")).then((list) => {
    models.textContent = `Models ready: ${list.map((m) => `${m.id}${m.provable ? " (provable)" : ""}`).join(", ")}`;
  }).catch((error) => models.replaceChildren(failure(error)));

  const health = h("p", { "data-field": "health" }, "Health: checking…");
  fetch("/q/health", { headers: headers() }).then((response) => response.json()).then((answer: { checks: { name: string; status: string; data?: Record<string, unknown> }[] }) => {
    const down = answer.checks.filter((c) => c.status !== "UP").map((c) => readable(c.name));
    health.textContent = down.length ? `Service: ${down.join(", ")} not available` : `Service: ${answer.checks.map((c) => readable(c.name)).join(", ")}: all working`;
    health.setAttribute("data-status", down.length ? "down" : "up");
  }).catch((error) => health.replaceChildren(failure(error)));

  main.replaceChildren(
    h("h1", {}, "Live scan"),
    h("p", {}, "Frames go to a face session over a WebSocket; each answer carries the face, its readings and the session's aggregates."),
    h("div", { class: "controls" }, start, stop, prove, finish),
    h("label", { class: "attach" }, "Fuse a wearable recording into this session (JSON) ", wearable),
    fusedOut,
    status,
    models,
    health,
    h("div", { class: "scan" }, stage, readings),
    grab,
    uploads(navigate),
  );
  return () => end("");
}

/** A health check's name as a person reads it: "Database connections health check" -> "database". */
function readable(name: string): string {
  return name.replace(/ connections? health check$/i, "").replace(/[-_]/g, " ").toLowerCase();
}

/** The face's rotation as the service defines its angles: Ry(yaw) Rx(-pitch) Rz(roll), row-major, y up. */
function rotation(yaw: number, pitch: number, roll: number): number[] {
  const [a, b, c] = [yaw, -pitch, roll].map((d) => (d * Math.PI) / 180);
  const ry = [Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)];
  const rx = [1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)];
  const rz = [Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1];
  const times = (p: number[], q: number[]) => [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) =>
    p[3 * i] * q[j] + p[3 * i + 1] * q[3 + j] + p[3 * i + 2] * q[6 + j]));
  return times(times(ry, rx), rz);
}

/** The fused reading: the result, and each modality's value, weight and share, or why it abstained. */
export function fusedFacts(fused: Fused): HTMLElement {
  return h("div", { class: "fused" },
    facts([["Fused stress (face + emotion + wearable)", (fused.stress * 100).toFixed(1), "fused"]]),
    h("ul", { "aria-label": "contributions" }, ...fused.contributions.map((c) => h("li", { "data-modality": c.modality },
      `${c.modality}: ${(c.value * 100).toFixed(0)} × weight ${c.weight.toFixed(2)} = ${(c.contribution * 100).toFixed(1)}`)),
    ...fused.abstained.map((a) => h("li", { "data-abstained": a.modality }, `${a.modality} abstained: ${a.reason}`))));
}

function uploads(navigate: (hash: string) => void): HTMLElement {
  const photoOut = h("div", { role: "status" }), recordingOut = h("div", { role: "status" });
  const photo = h("form", {
    onsubmit: async (event: Event) => {
      event.preventDefault();
      const form = new FormData(event.target as HTMLFormElement);
      form.set("model", "stress-mlp");
      form.set("capturedAt", new Date().toISOString());
      try {
        // The multipart operation of the same path: openapi-fetch sends FormData as it is, with its boundary.
        const [result] = scored(await ok(api.POST("/v1/inferences", { body: form as never })));
        navigate(`#/results/${result.id}`);
      } catch (error) { photoOut.replaceChildren(failure(error)); }
    },
  }, h("label", {}, "Photo (JPEG or PNG) ", h("input", { type: "file", name: "image", accept: "image/jpeg,image/png", required: true })),
  h("label", {}, h("input", { type: "checkbox", name: "prove", value: "true" }), " prove it"),
  h("button", { type: "submit" }, "Score photo"), photoOut);
  const recording = h("form", {
    onsubmit: async (event: Event) => {
      event.preventDefault();
      const file = (new FormData(event.target as HTMLFormElement).get("recording") as File);
      try {
        const answer = await ok(api.POST("/v1/inferences", { body: { model: "biosignal", recording: JSON.parse(await file.text()) } }));
        const windows = scored(answer);
        recordingOut.replaceChildren(h("p", {}, `${windows.length} one-minute windows scored:`),
          h("ol", { "aria-label": "windows" }, ...windows.map((w) => h("li", { "data-window": w.label },
            h("a", { href: `#/results/${w.id}` }, w.label), ` (stress probability ${(w.score * 100).toFixed(0)} %)`,
            w.label === "abstain" ? `: ${w.warnings.join("; ") || "too close to call"}` : ""))));
      } catch (error) { recordingOut.replaceChildren(failure(error)); }
    },
  }, h("label", {}, "Wearable recording (JSON: {channels: {ecg: {hz, values}, …}}) ",
    h("input", { type: "file", name: "recording", accept: "application/json,.json", required: true })),
  h("button", { type: "submit" }, "Score recording"), recordingOut);
  return h("section", {}, h("h2", {}, "Or upload"), photo, recording);
}

async function base64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
