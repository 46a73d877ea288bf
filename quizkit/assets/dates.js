// The learner's calendar date and UTC offset. Nothing in scoring reads the clock: pages pass
// "today" and the offset with every request, so a tally or a review queue is reproducible.

export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return {
    today: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    utc_offset_minutes: -now.getTimezoneOffset(),
  };
}

// YYYY-MM-DD in local time.
export const today = () => localToday().today;
