// Report a problem: the help articles that best match what the requester is typing, fetched after a
// short pause into a polite live region. Without script the form offers them after the first send.
const region = document.querySelector('[data-article-suggestions]')

if (region) {
  const form = region.closest('form')
  const fields = ['title', 'description'].map((id) => document.getElementById(id)).filter(Boolean)
  const shown = form && form.querySelector('[data-suggestions-shown]')
  // The requester sees suggestions as they type, so sending raises the ticket straight away.
  if (shown) shown.value = 'true'
  let timer
  let latest = 0
  let lastText = null

  const refresh = async () => {
    const text = fields.map((f) => f.value).join(' ').trim().slice(0, 2000)
    if (text === lastText) return
    lastText = text
    const asked = ++latest
    if (text.length < 3) {
      region.innerHTML = ''
      return
    }
    const url = `${region.dataset.articleSuggestions}&text=${encodeURIComponent(text)}`
    const response = await window.fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
    // A slower answer for earlier words must not replace the current one.
    if (!response.ok || asked !== latest) return
    region.innerHTML = await response.text()
  }

  for (const field of fields) {
    field.addEventListener('input', () => {
      window.clearTimeout(timer)
      timer = window.setTimeout(refresh, 400)
    })
  }
}

// A ticket at the desk: "Put a link in the reply" adds the article's title and address at the cursor
// in the reply box. Without script the link reloads the page with it in the box.
for (const link of document.querySelectorAll('[data-insert-article]')) {
  link.addEventListener('click', (event) => {
    const box = document.getElementById('body')
    if (!box) return
    event.preventDefault()
    const text = link.dataset.insertArticle
    const start = box.selectionStart ?? box.value.length
    const end = box.selectionEnd ?? box.value.length
    const before = box.value.slice(0, start)
    const spacer = before.length > 0 && !before.endsWith('\n') ? '\n' : ''
    box.value = `${before}${spacer}${text}${box.value.slice(end)}`
    box.focus()
    const caret = before.length + spacer.length + text.length
    box.setSelectionRange(caret, caret)
  })
}
