// The desk's pages: GOV.UK Frontend's components, and live updates over SignalR.
// Every update is fetched again from the server, which checks who may see what; the push only
// says which ticket changed (and only to people who may see it).
import { initAll } from '/lib/govuk/govuk-frontend.min.js'

initAll()

const announcer = document.getElementById('live-announcer')

/** Events this page has received, newest last (read by the browser tests). */
window.deskLive = { events: [], connected: false }

function announce (text) {
  if (!announcer) return
  announcer.textContent = ''
  window.setTimeout(() => { announcer.textContent = text }, 50)
}

/** Runs fn at most once per burst of calls (a save can report several changes at once). */
function debounce (fn, ms) {
  let timer
  return (...args) => {
    window.clearTimeout(timer)
    timer = window.setTimeout(() => fn(...args), ms)
  }
}

async function fetchFragment (url) {
  const response = await window.fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
  if (!response.ok) return null
  return { html: await response.text(), total: response.headers.get('X-Total-Count') }
}

/** A list of tickets: swap in fresh rows, marking those that are new or changed. */
function liveList (table) {
  const body = table.querySelector('[data-live-rows]')
  const count = table.querySelector('[data-live-count]')
  const refresh = debounce(async (notice) => {
    const fragment = await fetchFragment(table.dataset.liveList)
    if (!fragment) return
    const before = new Map([...body.querySelectorAll('tr[data-reference]')].map(r => [r.dataset.reference, r.textContent]))
    body.innerHTML = fragment.html
    for (const row of body.querySelectorAll('tr[data-reference]')) {
      const old = before.get(row.dataset.reference)
      if (old === undefined || old !== row.textContent) row.classList.add('sd-row--changed')
    }
    if (count && fragment.total !== null) count.textContent = fragment.total
    table.hidden = body.children.length === 0
    if (notice && notice.reference) announce(`${notice.reference} ${notice.change.toLowerCase()} by ${notice.by}`)
  }, 150)
  return refresh
}

/**
 * The page's actions that carry the version they were drawn from (take, assign, status, priority)
 * would now be refused: disable them until the page is reloaded. Replies and notes stay usable.
 */
function staleActions (root) {
  for (const version of root.querySelectorAll('form input[name=version]')) {
    for (const button of version.form.querySelectorAll('button[type=submit]')) {
      button.disabled = true
      button.setAttribute('aria-disabled', 'true')
      button.classList.add('govuk-button--disabled')
    }
  }
}

/** One ticket's page: refresh its timeline and say who changed it. */
function liveTicket (root) {
  const region = root.querySelector('[data-live-region]')
  const banner = root.querySelector('[data-live-banner]')
  const bannerText = root.querySelector('[data-live-banner-text]')
  const status = root.querySelector('[data-live-status]')
  const refresh = debounce(async (notice) => {
    const fragment = await fetchFragment(root.dataset.liveConversation)
    if (fragment && region) region.innerHTML = fragment.html
    if (status && notice.status) status.textContent = notice.status
    if (banner && bannerText) {
      bannerText.textContent = `Changed by ${notice.by}: ${notice.change.toLowerCase()}.`
      banner.hidden = false
      staleActions(root)
    }
    announce(`${notice.reference} changed by ${notice.by}`)
  }, 150)
  return (notice) => {
    if (notice.reference !== root.dataset.liveTicket) return
    // The page already shows this version (e.g. the viewer's own change, reloaded after saving).
    if (Number(root.dataset.liveVersion || 0) >= notice.version) return
    root.dataset.liveVersion = notice.version
    refresh(notice)
  }
}

/**
 * Report a problem: the published workarounds for the chosen service, fetched as the choice
 * changes into a polite live region. Without script the form works as before.
 */
function knownErrors (region) {
  const select = document.getElementById(region.dataset.knownErrorsFor)
  if (!select) return
  let latest = 0
  select.addEventListener('change', async () => {
    const asked = ++latest
    const fragment = select.value ? await fetchFragment(region.dataset.knownErrors + encodeURIComponent(select.value)) : null
    // A slower answer for an earlier choice must not replace the current one.
    if (asked === latest) region.innerHTML = fragment ? fragment.html : ''
  })
}

document.querySelectorAll('[data-known-errors]').forEach(knownErrors)

const handlers = [
  ...[...document.querySelectorAll('[data-live-list]')].map(liveList),
  ...[...document.querySelectorAll('[data-live-ticket]')].map(liveTicket)
]

if (window.signalR) {
  const connection = new window.signalR.HubConnectionBuilder()
    .withUrl('/hubs/tickets')
    .withAutomaticReconnect()
    .build()
  connection.on('ticketChanged', (notice) => {
    window.deskLive.events.push(notice)
    for (const handle of handlers) handle(notice)
  })
  // After a lost connection, refresh once: changes may have happened meanwhile.
  connection.onreconnected(() => { for (const handle of handlers) handle({ reference: '', change: 'Reconnected', by: 'the desk' }) })
  connection.start()
    .then(() => { window.deskLive.connected = true })
    .catch(() => { window.deskLive.connected = false })
}

/** The canned-reply picker: typing narrows the list (without script, every reply is listed). */
for (const input of document.querySelectorAll('[data-canned-filter]')) {
  const list = document.getElementById(input.dataset.cannedFilter)
  const none = list.parentElement.querySelector('[data-canned-none]')
  const filter = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(w => w)
    let shown = 0
    for (const item of list.children) {
      const text = item.dataset.cannedText.toLowerCase()
      item.hidden = !words.every(w => text.includes(w))
      if (!item.hidden) shown++
    }
    none.hidden = shown > 0
  }
  input.addEventListener('input', filter)
  // Enter in the search box filters; it must not send the reply form.
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') e.preventDefault() })
  filter()
}
