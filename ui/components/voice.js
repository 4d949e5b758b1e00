// Hands-free answer: listen on the microphone, find the end of the trainee's speech with a small
// energy-based VAD, and send the utterance at once as 16 kHz mono 16-bit WAV (base64) to Python.
// Everything runs locally (Web Audio API, an AudioWorklet from a Blob URL); nothing is fetched.

const TARGET_RATE = 16000;
const FRAME_MS = 20;
const START_FRAMES = 3; // 60 ms above the threshold starts an utterance
const PREROLL_MS = 300; // audio kept from before the start, so the first syllable is not cut
const MIN_SPEECH_MS = 250; // shorter bursts are clicks or coughs
const MAX_SPEECH_MS = 30000;
const WORKLET = `class CsrTap extends AudioWorkletProcessor {
  process(inputs) { const ch = inputs[0] && inputs[0][0]; if (ch) this.port.postMessage(ch.slice(0)); return true; }
}
registerProcessor("csr-tap", CsrTap);`;

// One microphone per page: the component is re-mounted every turn, the stream is not re-opened.
const G = (window.__csrVoice ||= { listener: null, ready: null, log: [] });

function ensureMic() {
  if (!G.ready) {
    G.ready = (async () => {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
      const ctx = new AudioContext();
      const url = URL.createObjectURL(new Blob([WORKLET], { type: "application/javascript" }));
      await ctx.audioWorklet.addModule(url);
      URL.revokeObjectURL(url);
      const node = new AudioWorkletNode(ctx, "csr-tap");
      const mute = ctx.createGain();
      mute.gain.value = 0;
      ctx.createMediaStreamSource(stream).connect(node);
      node.connect(mute).connect(ctx.destination); // keeps the worklet pulled; nothing is heard
      node.port.onmessage = (e) => G.listener && G.listener(e.data);
      G.ctx = ctx;
      return G;
    })().catch((err) => {
      G.ready = null;
      throw err;
    });
  }
  return G.ready;
}

function customerSpeaking() {
  return Array.from(document.querySelectorAll("audio")).some((a) => !a.paused && !a.ended);
}

function rms(frame) {
  let s = 0;
  for (let i = 0; i < frame.length; i++) s += frame[i] * frame[i];
  return Math.sqrt(s / frame.length);
}

function toWav(chunks, rate) {
  let n = 0;
  for (const c of chunks) n += c.length;
  const all = new Float32Array(n);
  let o = 0;
  for (const c of chunks) {
    all.set(c, o);
    o += c.length;
  }
  const ratio = rate / TARGET_RATE;
  const out = Math.floor(n / ratio);
  const buf = new ArrayBuffer(44 + out * 2);
  const v = new DataView(buf);
  const str = (p, s) => [...s].forEach((ch, i) => v.setUint8(p + i, ch.charCodeAt(0)));
  str(0, "RIFF");
  v.setUint32(4, 36 + out * 2, true);
  str(8, "WAVE");
  str(12, "fmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, TARGET_RATE, true);
  v.setUint32(28, TARGET_RATE * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  str(36, "data");
  v.setUint32(40, out * 2, true);
  for (let i = 0; i < out; i++) {
    // box filter over the source samples of this output sample (cheap anti-aliasing)
    const a = Math.floor(i * ratio);
    const b = Math.min(n, Math.max(a + 1, Math.floor((i + 1) * ratio)));
    let s = 0;
    for (let j = a; j < b; j++) s += all[j];
    const x = Math.max(-1, Math.min(1, s / (b - a)));
    v.setInt16(44 + i * 2, x < 0 ? x * 0x8000 : x * 0x7fff, true);
  }
  const bytes = new Uint8Array(buf);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const hangoverMs = Number(data.hangover_ms || 600);
  let root = parentElement.querySelector(".csr-voice");
  if (!root) {
    root = document.createElement("div");
    root.className = "csr-voice";
    root.innerHTML =
      '<span class="dot"></span><span class="status" data-testid="csr-voice-status" aria-live="polite"></span>' +
      '<button type="button" class="toggle"></button>';
    parentElement.appendChild(root);
  }
  const status = root.querySelector(".status");
  const toggle = root.querySelector(".toggle");
  const show = (state, text) => {
    root.dataset.state = state;
    status.textContent = text;
  };
  let paused = false;
  let sent = false;
  toggle.textContent = "Pause listening";
  toggle.onclick = () => {
    paused = !paused;
    toggle.textContent = paused ? "Resume listening" : "Pause listening";
    reset();
    show(paused ? "paused" : "listening", paused ? "Paused: use push to talk below, or resume" : "Listening…");
  };

  let noise = 0.003; // running noise floor (RMS)
  let pending = new Float32Array(0);
  let preroll = [];
  let speech = null; // {chunks, startedAt, lastVoiced, loud}
  let hot = 0;
  function reset() {
    speech = null;
    hot = 0;
    preroll = [];
  }

  function onFrame(frame, now, rate) {
    const level = rms(frame);
    const threshold = Math.max(0.012, noise * 3.5);
    const loud = level > threshold;
    if (!speech) {
      if (!loud) noise = noise * 0.95 + level * 0.05;
      preroll.push(frame);
      const keep = Math.ceil(PREROLL_MS / FRAME_MS);
      if (preroll.length > keep) preroll.shift();
      hot = loud ? hot + 1 : 0;
      if (hot >= START_FRAMES) {
        speech = { chunks: preroll.slice(), startedAt: now - START_FRAMES * FRAME_MS, lastVoiced: now, tail: 0 };
        preroll = [];
        show("speaking", "Hearing you…");
      }
      return;
    }
    speech.chunks.push(frame);
    if (level > threshold * 0.7) {
      speech.lastVoiced = now;
      speech.tail = speech.chunks.length;
    }
    const quiet = now - speech.lastVoiced;
    const length = speech.lastVoiced - speech.startedAt;
    if (quiet >= hangoverMs || now - speech.startedAt > MAX_SPEECH_MS) {
      const done = speech;
      reset();
      if (length < MIN_SPEECH_MS) {
        show("listening", "Listening…");
        return;
      }
      // keep 200 ms after the last voiced frame: the rest is silence the recogniser need not read
      const keep = done.chunks.slice(0, done.tail + Math.ceil(200 / FRAME_MS));
      const speechEnd = Date.now() - quiet;
      G.log.push({ speechEnd, sentAt: Date.now() });
      sent = true;
      show("sending", "Got it: the customer is answering…");
      setTriggerValue("utterance", { wav: toWav(keep, rate), speech_end_ms: speechEnd, rate: TARGET_RATE });
    }
  }

  let lastCustomer = 0;
  const listener = (samples) => {
    if (paused || sent) return;
    const now = performance.now();
    if (customerSpeaking()) {
      lastCustomer = now;
      if (speech) reset();
      show("waiting", "Customer speaking…");
      return;
    }
    if (now - lastCustomer < 250) return; // the tail of the customer's voice in the room
    if (root.dataset.state === "waiting") show("listening", "Listening…");
    const rate = G.ctx.sampleRate;
    const frameLen = Math.round((rate * FRAME_MS) / 1000);
    const joined = new Float32Array(pending.length + samples.length);
    joined.set(pending);
    joined.set(samples, pending.length);
    let i = 0;
    for (; i + frameLen <= joined.length; i += frameLen) onFrame(joined.slice(i, i + frameLen), now, rate);
    pending = joined.slice(i);
  };
  G.listener = listener;

  if (data.disabled) {
    if (G.listener === listener) G.listener = null;
    show("off", data.disabled_text || "Voice is off");
    toggle.hidden = true;
    return () => {};
  }
  toggle.hidden = false;
  show("starting", "Starting the microphone…");
  ensureMic()
    .then(async () => {
      if (G.ctx.state === "suspended") {
        show("blocked", "Click anywhere to start listening");
        await new Promise((ok) => document.addEventListener("pointerdown", ok, { once: true }));
        await G.ctx.resume();
      }
      show(paused ? "paused" : "listening", "Listening…");
    })
    .catch((err) => {
      toggle.hidden = true;
      show("error", "No microphone (" + err.name + "): use push to talk below, or type");
    });
  // a new mount (new turn) starts listening again; a reply that never comes frees the mic after 15 s
  const unstick = setTimeout(() => {
    if (sent) {
      sent = false;
      show("listening", "Listening…");
    }
  }, 15000);
  return () => {
    clearTimeout(unstick);
    if (G.listener === listener) G.listener = null;
  };
}
