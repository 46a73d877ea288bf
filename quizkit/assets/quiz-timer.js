// A quiz's time limit: a countdown line that calls onZero once when the time is up.
// Returns a function that stops the countdown.

export function startCountdown(line, deadline, onZero) {
  let timer = null;
  const tick = () => {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    line.hidden = false;
    line.dataset.secondsLeft = String(left);
    line.textContent = `剩余时间 ${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    if (left === 0) {
      clearInterval(timer);
      line.textContent = "时间到，已按当前作答自动交卷。";
      onZero();
      return false;
    }
    return true;
  };
  if (tick()) timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
}
