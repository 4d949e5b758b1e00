// Handle-time clock: counts on in the browser from the elapsed time the server rendered.
export default function (component) {
  const { data, parentElement } = component;
  let root = parentElement.querySelector(".csr-clock");
  if (!root) {
    root = document.createElement("div");
    root.className = "csr-clock";
    root.innerHTML =
      '<div class="label">Handle time</div><div class="value" data-testid="csr-clock"></div><div class="target"></div>';
    parentElement.appendChild(root);
  }
  const value = root.querySelector(".value");
  const started = Date.now() - Number(data.elapsed_ms || 0);
  const target = Number(data.target_s || 0);
  root.querySelector(".target").textContent = "target " + fmt(target);
  function fmt(s) {
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function tick() {
    const s = Math.max(0, Math.floor((Date.now() - started) / 1000));
    value.textContent = fmt(s);
    value.classList.toggle("over", s > target);
  }
  tick();
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
}
