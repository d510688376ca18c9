// The light theme's dark-mode switch, as Twenty Twenty-One has one: a class on <html>.
const toggle = document.getElementById('dark-mode-toggle');
toggle?.addEventListener('click', () => {
  const dark = document.documentElement.classList.toggle('is-dark-theme');
  toggle.setAttribute('aria-pressed', String(dark));
});
