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
const G = (window.__csrVoice ||= { listener: null, ready: null, log: [], served: [], state: null });

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

// Keeps 120 ms after the last voiced frame: the rest is silence the recogniser need not read. A draft and the
// final of the same speech cut the clip at the same frame, so their bytes are identical.
const TAIL_FRAMES = Math.ceil(120 / FRAME_MS);

function clip(speech) {
  return speech.chunks.slice(0, speech.tail + TAIL_FRAMES);
}

// The listening state of one turn lives on the page, not in this function: Streamlit calls the function again
// whenever the component's data changes, and a call in the middle of an utterance must not forget it.
function turnState(turn) {
  if (!G.state || G.state.turn !== turn) {
    G.state = { turn, paused: false, sent: false, noise: 0.003, pending: new Float32Array(0), preroll: [], speech: null, hot: 0, lastCustomer: 0, unstick: null };
  }
  return G.state;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const hangoverMs = Number(data.hangover_ms || 600);
  // a draft needs the 120 ms tail to be there already, and is pointless at or after the hangover
  const draftMs = Math.max(Number(data.draft_ms || 170), 120 + 2 * FRAME_MS);
  const turn = String(data.turn || "");
  const s = turnState(turn);
  if (data.answered && G.servedId !== data.answered.id) {
    // the server played the last answer (it may have held no speech: then this turn goes on, listening again);
    // what it measured is kept for bench/bench_voice.py, nothing is shown
    G.servedId = data.answered.id;
    G.served.push({ turn, ...data.answered });
    s.sent = false;
  }
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
  const showCurrent = () => {
    if (s.sent) show("sending", "Got it: the customer is answering…");
    else if (s.paused) show("paused", "Paused: use push to talk below, or resume");
    else if (s.speech) show("speaking", "Hearing you…");
    else show("listening", "Listening…");
  };
  toggle.textContent = s.paused ? "Resume listening" : "Pause listening";
  toggle.onclick = () => {
    s.paused = !s.paused;
    toggle.textContent = s.paused ? "Resume listening" : "Pause listening";
    reset();
    showCurrent();
  };

  function reset() {
    s.speech = null;
    s.hot = 0;
    s.preroll = [];
  }

  function onFrame(frame, now, rate) {
    const level = rms(frame);
    const threshold = Math.max(0.012, s.noise * 3.5);
    const loud = level > threshold;
    if (!s.speech) {
      if (!loud) s.noise = s.noise * 0.95 + level * 0.05;
      s.preroll.push(frame);
      const keep = Math.ceil(PREROLL_MS / FRAME_MS);
      if (s.preroll.length > keep) s.preroll.shift();
      s.hot = loud ? s.hot + 1 : 0;
      if (s.hot >= START_FRAMES) {
        s.speech = { chunks: s.preroll.slice(), startedAt: now - START_FRAMES * FRAME_MS, lastVoiced: now, tail: 0, draft: null };
        s.preroll = [];
        show("speaking", "Hearing you…");
      }
      return;
    }
    const speech = s.speech;
    speech.chunks.push(frame);
    if (level > threshold * 0.7) {
      speech.lastVoiced = now;
      speech.tail = speech.chunks.length;
    }
    const quiet = now - speech.lastVoiced;
    const length = speech.lastVoiced - speech.startedAt;
    const over = now - speech.startedAt > MAX_SPEECH_MS;
    if (!over && quiet >= draftMs && quiet < hangoverMs && length >= MIN_SPEECH_MS && !(speech.draft && speech.draft.tail === speech.tail)) {
      // a draft: the server starts transcribing while the hangover runs; if the trainee goes on, it is dropped
      const wav = toWav(clip(speech), rate);
      speech.draft = { tail: speech.tail, wav, at: Date.now() };
      setTriggerValue("draft", { wav, speech_end_ms: Date.now() - quiet, rate: TARGET_RATE });
      return;
    }
    if (quiet >= hangoverMs || over) {
      reset();
      if (length < MIN_SPEECH_MS) {
        show("listening", "Listening…");
        return;
      }
      const same = speech.draft && speech.draft.tail === speech.tail;
      const wav = same ? speech.draft.wav : toWav(clip(speech), rate);
      const speechEnd = Date.now() - quiet;
      G.log.push({ speechEnd, sentAt: Date.now(), draftAt: same ? speech.draft.at : null, turn });
      s.sent = true;
      show("sending", "Got it: the customer is answering…");
      // a new turn starts listening again; a reply that never comes frees the mic 15 s after sending
      clearTimeout(s.unstick);
      s.unstick = setTimeout(() => {
        if (s.sent) {
          s.sent = false;
          show("listening", "Listening…");
        }
      }, 15000);
      setTriggerValue("utterance", { wav, speech_end_ms: speechEnd, rate: TARGET_RATE });
    }
  }

  const listener = (samples) => {
    if (s.paused || s.sent) return;
    const now = performance.now();
    if (customerSpeaking()) {
      s.lastCustomer = now;
      if (s.speech) reset();
      show("waiting", "Customer speaking…");
      return;
    }
    if (now - s.lastCustomer < 250) return; // the tail of the customer's voice in the room
    if (root.dataset.state === "waiting") show("listening", "Listening…");
    const rate = G.ctx.sampleRate;
    const frameLen = Math.round((rate * FRAME_MS) / 1000);
    const joined = new Float32Array(s.pending.length + samples.length);
    joined.set(s.pending);
    joined.set(samples, s.pending.length);
    let i = 0;
    for (; i + frameLen <= joined.length; i += frameLen) onFrame(joined.slice(i, i + frameLen), now, rate);
    s.pending = joined.slice(i);
  };
  G.listener = listener;

  if (data.disabled) {
    if (G.listener === listener) G.listener = null;
    show("off", data.disabled_text || "Voice is off");
    toggle.hidden = true;
    return () => {};
  }
  toggle.hidden = false;
  if (!G.ctx) show("starting", "Starting the microphone…");
  ensureMic()
    .then(async () => {
      if (G.ctx.state === "suspended") {
        show("blocked", "Click anywhere to start listening");
        await new Promise((ok) => document.addEventListener("pointerdown", ok, { once: true }));
        await G.ctx.resume();
      }
      showCurrent();
    })
    .catch((err) => {
      toggle.hidden = true;
      show("error", "No microphone (" + err.name + "): use push to talk below, or type");
    });
  return () => {
    clearTimeout(s.unstick);
    if (G.listener === listener) G.listener = null;
  };
}
