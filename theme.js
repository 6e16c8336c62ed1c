// Applies a remembered theme before the first paint (the app keeps it in
// sync later). A file rather than an inline script, so that the page's
// Content-Security-Policy can forbid inline scripts altogether.
try {
  var theme = localStorage.getItem("sift-theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch (e) {}
