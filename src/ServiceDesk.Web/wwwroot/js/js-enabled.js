// Runs first in <body>, before anything is drawn: GOV.UK Frontend's styles for pages with script.
// A file rather than inline script, so the Content-Security-Policy can refuse all inline script.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
