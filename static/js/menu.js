// The main menu folds behind a button on narrow screens. Loaded in <head> without `defer`: the
// "js" class must be on <html> before the menu is drawn, or the menu would flash open on a phone.
// Without JavaScript the button stays hidden and the menu is simply shown, wrapped.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector(".menu-button");
  var nav = document.getElementById("main-menu");
  if (!button || !nav) {
    return;
  }
  button.hidden = false;
  function setOpen(open) {
    nav.classList.toggle("open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  button.addEventListener("click", function () {
    setOpen(!nav.classList.contains("open"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("open")) {
      setOpen(false);
      button.focus();
    }
  });
});
