// Material's inline script after the content (partials/javascripts/content.html of mkdocs-material 9.8.1) as a
// file, so that the pages' Content-Security-Policy allows only the site's own scripts.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
