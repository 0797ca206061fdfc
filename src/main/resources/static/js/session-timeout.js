// Warns two minutes before an idle session ends, and lets the user extend it (WCAG 2.2.1 Timing Adjustable).
const dialog = document.getElementById('session-timeout')
if (dialog && typeof dialog.showModal === 'function') {
  const timeout = Number(dialog.dataset.timeoutSeconds) * 1000
  const warnBefore = 120 * 1000
  let warnTimer
  let endTimer
  const start = () => {
    clearTimeout(warnTimer)
    clearTimeout(endTimer)
    warnTimer = setTimeout(() => dialog.showModal(), Math.max(timeout - warnBefore, 0))
    endTimer = setTimeout(() => window.location.assign('/login?timeout'), timeout)
  }
  document.getElementById('session-extend').addEventListener('click', async () => {
    const token = document.querySelector('input[name="_csrf"]').value
    const response = await fetch('/session/extend', { method: 'POST', headers: { 'X-CSRF-TOKEN': token }, credentials: 'same-origin' })
    if (response.status === 204) {
      dialog.close()
      start()
    } else {
      window.location.assign('/login?timeout')
    }
  })
  start()
}
