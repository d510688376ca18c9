// Sizes the iframe to the height the widget reports (see README, "Embed it").
const frame = document.getElementById('emotional-intimacy-frame');
const widgetOrigin = new URL(frame.src, location.href).origin;
addEventListener('message', (event) => {
  if (event.origin !== widgetOrigin || event.source !== frame.contentWindow) return;
  if (event.data?.type === 'emotional-intimacy:height') frame.style.height = `${event.data.height}px`;
});
