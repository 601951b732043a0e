using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using MimeKit;
using MimeKit.Tnef;
using MimeKit.Text;
using MimeKit.Utils;
using ServiceDesk.Core.Features.Email;

namespace ServiceDesk.Infrastructure.Email;

/// <summary>
/// Reads a raw email into the <see cref="InboundEmail"/> the desk's rules work with: who sent it,
/// what it answers, its new text without the quoted history, whether it is automatic mail that
/// must never be acknowledged, whether it is a bounce, and its attachments.
/// </summary>
public static partial class MailReader
{
    /// <summary>The suffix of the stable id given to a message that has no Message-ID.</summary>
    public const string MissingIdDomain = "missing-message-id.invalid";

    /// <summary>windows-1252: what mail with undeclared 8-bit text (or labelled ISO-8859-1) is written in, when not UTF-8.</summary>
    private static Encoding Windows1252 => Encoding.GetEncoding(1252);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>How messages are parsed: 8-bit header text that is not UTF-8 is read as windows-1252.</summary>
    public static ParserOptions ParserOptions { get; } = CreateParserOptions();

    private static ParserOptions CreateParserOptions()
    {
        // Without the code pages .NET knows only UTF-8, UTF-16, ASCII and ISO-8859-1, and MimeKit would
        // read windows-1252, ISO-8859-2, KOI8-R, GB2312, Shift_JIS… as ISO-8859-1.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return new ParserOptions { CharsetEncoding = Encoding.GetEncoding(1252) };
    }

    /// <summary>
    /// Parses the raw message and reads it. Blank lines before the headers are skipped; a message with
    /// no header block at all cannot be read (a <see cref="FormatException"/> says why).
    /// </summary>
    public static InboundEmail Read(byte[] raw) => Read(raw, maxAttachmentBytes: null);

    /// <summary>
    /// Parses the raw message and reads it; attachments over <paramref name="maxAttachmentBytes"/> (the
    /// size limit that refuses them) are not kept in the stored original, which names them instead.
    /// </summary>
    public static InboundEmail Read(byte[] raw, long? maxAttachmentBytes)
    {
        var message = Parse(raw);
        var email = Read(message, raw);
        return maxAttachmentBytes is long cap && email.Attachments.Any(a => a.Size > cap)
            ? email with { Raw = WithoutLargeAttachments(raw, cap) }
            : email;
    }

    /// <summary>The message rewritten with each attachment over the cap replaced by a short text naming it and its size.</summary>
    public static byte[] WithoutLargeAttachments(byte[] raw, long cap)
    {
        var message = Parse(raw);
        var removed = 0;
        foreach (var multipart in Walk(message.Body).OfType<Multipart>().ToList())
        {
            for (var i = 0; i < multipart.Count; i++)
            {
                if (multipart[i] is not MimePart part || part is TextPart { IsAttachment: false } || part.Content is null) continue;
                using var counter = new MemoryStream();
                part.Content.DecodeTo(counter);
                if (counter.Length <= cap) continue;
                var name = SafeFileName(part.FileName) ?? $"attachment{ExtensionFor(part.ContentType.MimeType.ToLowerInvariant())}";
                var note = new TextPart("plain")
                {
                    Text = $"{name} ({part.ContentType.MimeType}, {counter.Length:N0} bytes) was over the desk's {cap:N0}-byte limit for an attachment; "
                        + "its bytes were not kept.",
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = name + ".removed.txt" },
                };
                multipart[i] = note;
                removed++;
            }
        }
        if (removed == 0) return raw;
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>Parses the raw message, skipping blank lines before its headers; throws <see cref="FormatException"/> when it has no headers.</summary>
    public static MimeMessage Parse(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        // A byte-order mark and blank lines before the headers are not part of the message.
        var start = raw.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        while (start < raw.Length && raw[start] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t') start++;
        if (start == raw.Length) throw new FormatException("The message is empty.");
        if (!StartsWithHeader(raw, start))
            throw new FormatException("The message has no header block: its first line is not a header (Name: value).");
        using var stream = new MemoryStream(raw, start, raw.Length - start, writable: false);
        var message = MimeMessage.Load(ParserOptions, stream);
        if (message.Headers.Count == 0) throw new FormatException("The message has no headers.");
        return message;
    }

    /// <summary>A header line: a field name of printable characters other than the colon, then a colon (RFC 5322 2.2); or an mbox "From " line.</summary>
    private static bool StartsWithHeader(byte[] raw, int start)
    {
        if (raw.Length - start >= 5 && raw.AsSpan(start, 5).SequenceEqual("From "u8)) return true;
        var i = start;
        while (i < raw.Length && raw[i] is > 32 and < 127 and not (byte)':') i++;
        return i > start && i < raw.Length && raw[i] == (byte)':';
    }

    /// <summary>Headers that say how the message travelled, not what it is: the same message delivered twice differs only in these.</summary>
    private static readonly HashSet<string> TraceHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Received", "Return-Path", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Received",
        "Status", "X-Status", "X-Keywords", "X-UID", "Content-Length", "Lines", "X-Delivered-To",
    };

    /// <summary>
    /// A SHA-256 of the message as its sender wrote it: line endings, header folding and the headers
    /// added in transit (Received, Return-Path, Delivered-To…) do not count. Two different messages
    /// that share a Message-ID have different hashes; one message delivered twice has the same.
    /// </summary>
    public static string ContentHashOf(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = Encoding.Latin1.GetString(raw).Replace("\r", "").TrimStart('\u00EF', '\u00BB', '\u00BF').TrimStart('\n', ' ', '\t');
        var material = new StringBuilder();
        var body = text;
        if (StartsWithHeader(Encoding.Latin1.GetBytes(text.Length > 1000 ? text[..1000] : text), 0))
        {
            var end = text.IndexOf("\n\n", StringComparison.Ordinal);
            var head = end < 0 ? text : text[..end];
            body = end < 0 ? "" : text[(end + 2)..];
            var fields = new List<string>();
            foreach (var line in head.Split('\n'))
            {
                if (line.Length > 0 && line[0] is ' ' or '\t' && fields.Count > 0) fields[^1] += " " + line.Trim();
                else fields.Add(line.TrimEnd());
            }
            foreach (var field in fields)
            {
                var colon = field.IndexOf(':');
                var name = colon < 0 ? field : field[..colon].Trim();
                if (name.StartsWith("From ", StringComparison.Ordinal) || TraceHeaders.Contains(name)) continue;
                var value = colon < 0 ? "" : WhiteSpaceRun().Replace(field[(colon + 1)..], " ").Trim();
                material.Append(name.ToLowerInvariant()).Append(':').Append(value).Append('\n');
            }
        }
        material.Append('\n').Append(body.TrimEnd());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.Latin1.GetBytes(material.ToString())));
    }

    /// <summary>Reads a parsed message; <paramref name="raw"/> is kept as the message's record.</summary>
    public static InboundEmail Read(MimeMessage message, byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(raw);

        var plainPart = FindBody(message.Body, TextFormat.Plain);
        var htmlPart = FindBody(message.Body, TextFormat.Html);
        var fullText = plainPart is not null ? PlainText(plainPart) : "";
        if (string.IsNullOrWhiteSpace(fullText) && htmlPart is not null)
            fullText = HtmlToText(TextOf(htmlPart));
        if (string.IsNullOrWhiteSpace(fullText) && Walk(message.Body).OfType<TnefPart>().FirstOrDefault() is { } winmail
            && Unpack(winmail) is { } outlook)
        {
            // Outlook's rich text sent as winmail.dat alone: its text is the body.
            var tnefPlain = FindBody(outlook.Body, TextFormat.Plain);
            var tnefHtml = FindBody(outlook.Body, TextFormat.Html);
            fullText = tnefPlain is not null ? PlainText(tnefPlain) : tnefHtml is not null ? HtmlToText(TextOf(tnefHtml)) : "";
        }

        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var fromAddress = (from?.Address ?? "").Trim().ToLowerInvariant();
        var fromName = string.IsNullOrWhiteSpace(from?.Name) ? null : Clean(from.Name).Trim();
        var subject = SubjectOf(message);

        var isReport = IsDeliveryReport(message);
        var bodyParts = new HashSet<MimeEntity>(ReferenceEqualityComparer.Instance);
        if (plainPart is not null) bodyParts.Add(plainPart);
        if (htmlPart is not null) bodyParts.Add(htmlPart);

        return new InboundEmail(
            MessageId: MessageIdOf(message, fullText),
            References: ReferencesOf(message),
            FromAddress: fromAddress,
            FromName: fromName,
            To: Addresses(message.To),
            Cc: Addresses(message.Cc),
            Subject: subject,
            NewText: NewTextOf(fullText),
            FullText: fullText,
            AutomaticReason: AutomaticReasonOf(message, fromAddress, fromName, subject, isReport),
            IsDeliveryReport: isReport,
            BouncedMessageId: isReport ? BouncedMessageIdOf(message.Body) : null,
            SentAt: SentAtOf(message),
            Attachments: AttachmentsOf(message.Body, bodyParts),
            Raw: raw,
            ContentHash: ContentHashOf(raw))
        {
            Authentication = AuthenticationOf(message),
        };
    }

    /// <summary>The results of every Authentication-Results header (RFC 8601) that can be read.</summary>
    private static List<MailAuthentication> AuthenticationOf(MimeMessage message)
    {
        var found = new List<MailAuthentication>();
        foreach (var header in message.Headers.Where(h => h.Id == HeaderId.AuthenticationResults))
        {
            if (!MimeKit.Cryptography.AuthenticationResults.TryParse(header.RawValue, out var results) || results.AuthenticationServiceIdentifier is not { } authserv) continue;
            foreach (var result in results.Results)
            {
                var domain = result.Properties.FirstOrDefault(p => p.PropertyType == "header" && p.Property is "d" or "from")?.Value;
                if (domain is not null && domain.Contains('@')) domain = domain[(domain.LastIndexOf('@') + 1)..];
                found.Add(new MailAuthentication(authserv, result.Method, result.Result, domain?.Trim().ToLowerInvariant()));
            }
        }
        return found;
    }

    // ---- Text: charsets, encoded words, control characters --------------------------------------

    [GeneratedRegex(@"=\?([^?\s]+)\?([bB])\?([A-Za-z0-9+/]*)=*\?=")]
    private static partial Regex Base64EncodedWord();

    [GeneratedRegex(@"\r?\n(?=[ \t])")]
    private static partial Regex Fold();

    /// <summary>
    /// The subject as written: encoded words whose base64 lost its padding read whole, 8-bit text
    /// tried as UTF-8 then windows-1252, and control characters (a NUL, a stray line break) dropped.
    /// </summary>
    private static string SubjectOf(MimeMessage message)
    {
        var header = message.Headers.LastOrDefault(h => h.Id == HeaderId.Subject);
        if (header is null) return "";
        var raw = Fold().Replace(Encoding.Latin1.GetString(header.RawValue), "");
        var padded = Base64EncodedWord().Replace(raw, m =>
        {
            var data = m.Groups[3].Value;
            return $"=?{m.Groups[1].Value}?{m.Groups[2].Value}?{data.PadRight(data.Length + (4 - data.Length % 4) % 4, '=')}?=";
        });
        var decoded = Rfc2047.DecodeText(ParserOptions, Encoding.Latin1.GetBytes(padded));
        return Clean(decoded).Trim();
    }

    /// <summary>Text with control characters removed (tabs and line breaks become spaces).</summary>
    private static string Clean(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\t' or '\r' or '\n') result.Append(' ');
            else if (!char.IsControl(c)) result.Append(c);
        }
        return result.ToString();
    }

    /// <summary>
    /// A text part's text. A declared charset .NET knows is used (ISO-8859-1 read as its superset
    /// windows-1252, as browsers do); with none, US-ASCII or an unknown one, UTF-8 is tried, then windows-1252.
    /// </summary>
    public static string TextOf(TextPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.Content is null) return "";
        using var decoded = new MemoryStream();
        part.Content.DecodeTo(decoded);
        var bytes = decoded.ToArray();
        var charset = part.ContentType.Charset?.Trim().Trim('"').ToLowerInvariant();
        if (charset is "iso-8859-1" or "latin1" or "iso8859-1" or "iso_8859-1" or "windows-1252" or "cp1252")
            return StripNul(Windows1252.GetString(bytes));
        if (!string.IsNullOrEmpty(charset) && charset is not ("us-ascii" or "ascii" or "ansi_x3.4-1968" or "utf-8" or "utf8" or "unknown-8bit" or "x-unknown" or "default"))
        {
            if (charset.EndsWith("utf-7", StringComparison.Ordinal)) return StripNul(Utf7(bytes));
            try
            {
                return StripNul(Encoding.GetEncoding(charset).GetString(bytes));
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                // Not a name .NET knows: MimeKit knows more aliases (ks_c_5601-1987, x-sjis…).
            }
            try
            {
                return StripNul(part.GetText(charset));
            }
            catch (Exception e) when (e is NotSupportedException or ArgumentException)
            {
                // A charset nobody knows: read it as undeclared.
            }
        }
        try
        {
            return StripNul(StrictUtf8.GetString(bytes).TrimStart('\uFEFF'));
        }
        catch (DecoderFallbackException)
        {
            return StripNul(Windows1252.GetString(bytes));
        }
    }

    /// <summary>
    /// UTF-7 (RFC 2152), which .NET no longer decodes and old Hotmail and Exchange still send: ASCII,
    /// with "+…-" runs of modified base64 holding UTF-16 big-endian.
    /// </summary>
    private static string Utf7(byte[] bytes)
    {
        var result = new StringBuilder(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != '+') { result.Append((char)bytes[i]); continue; }
            var start = ++i;
            while (i < bytes.Length && (char.IsAsciiLetterOrDigit((char)bytes[i]) || bytes[i] is (byte)'+' or (byte)'/')) i++;
            if (i == start)
            {
                result.Append('+'); // "+-" is a plus sign
                if (i < bytes.Length && bytes[i] != '-') i--;
                continue;
            }
            var run = Encoding.ASCII.GetString(bytes, start, i - start);
            var padded = run.Length % 4 == 0 ? run : run.PadRight(run.Length + 4 - run.Length % 4, '=');
            try
            {
                var utf16 = Convert.FromBase64String(padded);
                result.Append(Encoding.BigEndianUnicode.GetString(utf16, 0, utf16.Length - utf16.Length % 2));
            }
            catch (FormatException)
            {
                result.Append('+').Append(run);
            }
            if (i < bytes.Length && bytes[i] != '-') i--;
        }
        return result.ToString();
    }

    private static string StripNul(string text) => text.Contains('\0') ? text.Replace("\0", "") : text;

    // ---- Identity and threading -------------------------------------------------------------

    private static string MessageIdOf(MimeMessage message, string fullText)
    {
        var id = message.MessageId?.Trim().Trim('<', '>').Trim();
        if (!string.IsNullOrEmpty(id)) return id;

        // No Message-ID: the same message read twice must get the same id, so hash what identifies it.
        var material = string.Join("\n",
            message.Headers[HeaderId.From] ?? "",
            message.Headers[HeaderId.To] ?? "",
            message.Headers[HeaderId.Date] ?? "",
            message.Headers[HeaderId.Subject] ?? "",
            fullText);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(material));
        return $"{Convert.ToHexStringLower(hash)}@{MissingIdDomain}";
    }

    private static List<string> ReferencesOf(MimeMessage message)
    {
        var ids = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.InReplyTo)) ids.Add(Unbracket(message.InReplyTo));
        // The References header lists the thread oldest first; the newest is the most specific.
        for (var i = message.References.Count - 1; i >= 0; i--) ids.Add(Unbracket(message.References[i]));
        return ids.Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Unbracket(string id) => id.Trim().Trim('<', '>').Trim();

    private static List<string> Addresses(InternetAddressList list) =>
        list.Mailboxes.Select(m => (m.Address ?? "").Trim().ToLowerInvariant())
            .Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static DateTime? SentAtOf(MimeMessage message) =>
        message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue
            ? message.Date.UtcDateTime
            : null;

    // ---- Automatic mail and bounces ---------------------------------------------------------

    /// <summary>Vendor headers that mark a holiday or auto-reply, with the value that does (null: any value but "no").</summary>
    private static readonly (string Name, string? Value)[] VendorAutoReplyHeaders =
    [
        ("X-Apple-Action", "VACATION"), ("X-Autoreply", null), ("X-Autorespond", null), ("X-AutoReply-From", null),
        ("X-Mail-Autoreply", null), ("X-Autogenerated", "Reply"), ("X-Auto-Reply", null), ("X-Vacation", null),
        ("X-FC-MachineGenerated", "true"), ("X-POST-MessageClass", null), ("X-Cron-Env", null),
        // Mailing-list managers' own mail (fml, Mailman, ezmlm…).
        ("X-MLServer", null), ("X-ML-Name", null), ("X-Mailman-Version", null),
    ];

    /// <summary>
    /// Subjects that only out-of-office and auto-replies have, in the languages of councils' staff and
    /// suppliers (English, Welsh, German, French, Spanish, Italian, Dutch, Portuguese, Polish, the Nordic
    /// languages, Czech, Hungarian, Turkish, Greek, Russian, Ukrainian, Chinese, Japanese).
    /// </summary>
    [GeneratedRegex(@"^(?:(?:re|aw|sv|vs|fw|fwd|tr|wg)\s*:\s*)*(?:out of (?:the )?office\b|automatic reply\b|auto(?:matic)?[- ]?(?:reply|response)\b|autoreply\b|auto-response\b"
        + @"|ateb awtomatig|allan o'r swyddfa|abwesenheitsnotiz|automatische antwort|abwesend\b|r[ée]ponse automatique|absence du bureau|absent du bureau"
        + @"|respuesta autom[áa]tica|fuera de la oficina|risposta automatica|fuori ufficio|automatisch antwoord|afwezigheidsbericht|niet aanwezig|afwezig\b"
        + @"|resposta autom[áa]tica|fora do escrit[óo]rio|automatyczna odpowied[źz]|poza biurem|autosvar|automatisk svar|automaattinen vastaus|poissa toimistolta"
        + @"|automatick[áa] odpov[ěe]ď|automatikus v[áa]lasz|otomatik yan[ıi]t|otomatik cevap|αυτόματη απάντηση|автоматический ответ|автоматична відповідь"
        + @"|自动回复|自動回覆|自動返信|自動応答|不在通知|不在のお知らせ)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AutoReplySubject();

    /// <summary>Subjects of delivery reports written without a report-type (failure notices in prose).</summary>
    [GeneratedRegex(@"^(?:undeliver(?:ed|able)\b|undelivered mail returned to sender|returned mail\b|mail delivery failed|delivery status notification|delivery failure|failure notice|delivery has failed|message not delivered|nondeliverable|non-delivery|mail system error|warning: could not send|unzustellbar|non remis|non recapitabile|niet bezorgd)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BounceSubject();

    private static string? AutomaticReasonOf(MimeMessage message, string fromAddress, string? fromName, string subject, bool isReport)
    {
        var headers = message.Headers;

        var autoSubmitted = headers["Auto-Submitted"]?.Trim();
        if (autoSubmitted is not null)
        {
            var keyword = autoSubmitted.Split(';', 2)[0].Trim();
            if (!keyword.Equals("no", StringComparison.OrdinalIgnoreCase))
                return $"Auto-Submitted: {autoSubmitted}";
        }

        var suppress = headers["X-Auto-Response-Suppress"];
        if (suppress is not null) return $"X-Auto-Response-Suppress: {suppress.Trim()}";

        var precedence = headers["Precedence"]?.Trim();
        if (precedence is not null && (precedence.Equals("bulk", StringComparison.OrdinalIgnoreCase)
            || precedence.Equals("junk", StringComparison.OrdinalIgnoreCase)
            || precedence.Equals("list", StringComparison.OrdinalIgnoreCase)))
            return $"Precedence: {precedence}";

        var listId = headers["List-Id"];
        if (listId is not null) return $"List-Id: {listId.Trim()}";

        var returnPath = headers["Return-Path"];
        if (returnPath is not null && returnPath.Trim() is "<>" or "" or "< >")
            return "Return-Path: <>";

        if (IsDaemon(fromAddress)) return $"From: {fromAddress}";
        var sender = message.Sender?.Address?.Trim().ToLowerInvariant();
        if (sender is not null && IsDaemon(sender)) return $"Sender: {sender}";

        if (isReport) return "Content-Type: multipart/report; report-type=delivery-status";

        // Read receipts (RFC 8098), feedback reports (RFC 5965) and any other machine report.
        if (message.Body is MultipartReport report)
            return $"Content-Type: multipart/report; report-type={report.ReportType ?? "(none)"}";
        if (Walk(message.Body).FirstOrDefault(e => e.ContentType.IsMimeType("message", "disposition-notification")
            || e.ContentType.IsMimeType("message", "feedback-report") || e.ContentType.IsMimeType("message", "global-disposition-notification")) is { } part)
            return $"Content-Type: {part.ContentType.MimeType.ToLowerInvariant()}";

        foreach (var (name, value) in VendorAutoReplyHeaders)
        {
            var found = headers[name]?.Trim();
            if (found is null) continue;
            if (value is null ? !found.Equals("no", StringComparison.OrdinalIgnoreCase) : found.StartsWith(value, StringComparison.OrdinalIgnoreCase))
                return $"{name}: {found}";
        }

        if (fromName is not null && (fromName.StartsWith("Mail Delivery", StringComparison.OrdinalIgnoreCase)
            || fromName.Equals("Mail Administrator", StringComparison.OrdinalIgnoreCase)
            || fromName.Equals("Postmaster", StringComparison.OrdinalIgnoreCase)))
            return $"From: {fromName}";
        if (BounceSubject().IsMatch(subject)) return $"Subject: {Shorten(subject)} (a delivery report)";
        if (AutoReplySubject().IsMatch(subject)) return $"Subject: {Shorten(subject)} (an automatic reply)";
        return null;
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";

    /// <summary>Local parts of mail systems' own addresses, and of addresses that take no replies.</summary>
    [GeneratedRegex(@"^(?:mailer[-_]?daemon|mail[-_]daemon|post[-_]?master|no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|bounces?)(?:[-+].*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DaemonLocalPart();

    private static bool IsDaemon(string address)
    {
        var at = address.LastIndexOf('@');
        var local = at < 0 ? address : address[..at];
        return DaemonLocalPart().IsMatch(local);
    }

    private static bool IsDeliveryReport(MimeMessage message)
    {
        if (message.Body is MultipartReport report
            && string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
            return true;
        return Walk(message.Body).Any(e => e is MessageDeliveryStatus
            || e.ContentType.IsMimeType("message", "delivery-status")
            || e.ContentType.IsMimeType("message", "global-delivery-status"));
    }

    private static string? BouncedMessageIdOf(MimeEntity? body)
    {
        foreach (var entity in Walk(body))
        {
            string? id = null;
            if (entity is MessagePart { Message: { } returned })
                id = returned.MessageId ?? returned.Headers[HeaderId.MessageId];
            else if (entity is MimePart part && (part.ContentType.IsMimeType("text", "rfc822-headers")
                || part.ContentType.IsMimeType("message", "global-headers")))
                id = MessageIdInHeaders(part);
            if (!string.IsNullOrWhiteSpace(id)) return Unbracket(id);
        }
        return null;
    }

    private static string? MessageIdInHeaders(MimePart part)
    {
        if (part.Content is null) return null;
        using var decoded = new MemoryStream();
        part.Content.DecodeTo(decoded);
        decoded.Position = 0;
        var headers = HeaderList.Load(decoded);
        var value = headers[HeaderId.MessageId];
        return value is null ? null : MimeUtils.ParseMessageId(value) ?? value;
    }

    // ---- Body -------------------------------------------------------------------------------

    /// <summary>The part a mail client would show as the body in the given format, like MimeKit's TextBody.</summary>
    private static TextPart? FindBody(MimeEntity? entity, TextFormat format)
    {
        switch (entity)
        {
            case MultipartAlternative alternative:
                // The last alternative is the richest; any of them may itself be a multipart.
                for (var i = alternative.Count - 1; i >= 0; i--)
                    if (FindBody(alternative[i], format) is { } found) return found;
                return null;
            case MultipartRelated related:
                return FindBody(related.Root, format);
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    if (child is TextPart text && !text.IsAttachment)
                        return Is(text, format) ? text : null;
                    if (child is Multipart && FindBody(child, format) is { } found) return found;
                }
                return null;
            case TextPart text when !text.IsAttachment && Is(text, format):
                return text;
            default:
                return null;
        }
    }

    private static bool Is(TextPart text, TextFormat format) => format == TextFormat.Html ? text.IsHtml : text.IsPlain;

    private static string PlainText(TextPart part)
    {
        var text = TextOf(part);
        var format = part.ContentType.Parameters["format"];
        text = NormaliseNewlines(text);
        if (string.Equals(format, "flowed", StringComparison.OrdinalIgnoreCase))
            text = Unflow(text, string.Equals(part.ContentType.Parameters["delsp"], "yes", StringComparison.OrdinalIgnoreCase));
        return text;
    }

    /// <summary>
    /// Joins format=flowed lines (RFC 3676): a line ending in a space continues on the next line of
    /// the same quote depth; the "-- " signature separator never flows.
    /// </summary>
    private static string Unflow(string text, bool deleteSpace)
    {
        var result = new StringBuilder();
        var paragraph = new StringBuilder();
        var paragraphDepth = -1;

        void Flush()
        {
            if (paragraphDepth < 0) return;
            if (paragraphDepth > 0) result.Append('>', paragraphDepth).Append(' ');
            result.Append(paragraph).Append('\n');
            paragraph.Clear();
            paragraphDepth = -1;
        }

        foreach (var rawLine in text.Split('\n'))
        {
            var depth = 0;
            while (depth < rawLine.Length && rawLine[depth] == '>') depth++;
            var line = rawLine[depth..];
            if (line.StartsWith(' ')) line = line[1..]; // space-stuffing
            if (paragraphDepth >= 0 && paragraphDepth != depth) Flush();

            var flowed = line.EndsWith(' ') && line != "-- ";
            if (flowed && deleteSpace) line = line[..^1];
            paragraph.Append(line);
            paragraphDepth = depth;
            if (!flowed) Flush();
        }
        Flush();
        if (!text.EndsWith('\n') && result.Length > 0) result.Length--;
        return result.ToString();
    }

    private static string NormaliseNewlines(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    // ---- HTML to text -----------------------------------------------------------------------

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
        { "script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg", "math" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "section", "article", "header", "footer", "nav", "aside", "main", "address", "center",
        "table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "dt", "dd", "form", "fieldset", "figure", "figcaption",
    };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
        { "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre" };

    /// <summary>HTML sanitised, then flattened to readable text: paragraphs, breaks and list items become lines.</summary>
    public static string HtmlToText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        using var document = new HtmlParser().ParseDocument(html);
        // Script, style and the like are removed with their content first; the sanitiser then keeps
        // the text of any other element it does not allow (Outlook's o:p, st1:City…).
        foreach (var element in document.QuerySelectorAll(string.Join(',', Skipped)).ToList()) element.Remove();
        new HtmlSanitizer { KeepChildNodes = true }.SanitizeDom(document, document.Body, "");
        var writer = new TextWriterState();
        Append(document.Body ?? (INode)document, writer);
        return Tidy(writer.Text.ToString());
    }

    private sealed class TextWriterState
    {
        public StringBuilder Text { get; } = new();
        public int PreDepth { get; set; }

        public void LineStart()
        {
            if (Text.Length > 0 && Text[^1] != '\n') Text.Append('\n');
        }

        public void BlankLine()
        {
            if (Text.Length == 0) return;
            LineStart();
            if (Text.Length < 2 || Text[^2] != '\n') Text.Append('\n');
        }

        public void Write(string text)
        {
            if (PreDepth > 0) { Text.Append(text); return; }
            var collapsed = WhiteSpaceRun().Replace(text, " ");
            if (collapsed.StartsWith(' ') && (Text.Length == 0 || Text[^1] is '\n' or ' ' or '\t'))
                collapsed = collapsed[1..];
            Text.Append(collapsed);
        }
    }

    private static void Append(INode node, TextWriterState writer)
    {
        switch (node)
        {
            case IText text:
                writer.Write(text.Data);
                return;
            case IElement element:
                AppendElement(element, writer);
                return;
            default:
                foreach (var child in node.ChildNodes) Append(child, writer);
                return;
        }
    }

    private static void AppendElement(IElement element, TextWriterState writer)
    {
        var name = element.LocalName;
        if (Skipped.Contains(name)) return;
        switch (name)
        {
            case "br":
                writer.Text.Append('\n');
                return;
            case "hr":
                writer.LineStart();
                writer.Text.Append("________________________________\n");
                return;
            case "img":
                return;
            case "li":
                writer.LineStart();
                writer.Text.Append(ListMarker(element));
                AppendChildren(element, writer);
                writer.LineStart();
                return;
            case "td" or "th":
                if (element.PreviousElementSibling is not null) writer.Text.Append('\t');
                AppendChildren(element, writer);
                return;
            case "a":
                AppendChildren(element, writer);
                var href = element.GetAttribute("href");
                var shown = element.TextContent.Trim();
                if (href is not null && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                    && shown.Length > 0 && !string.Equals(shown.TrimEnd('/'), href.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
                    writer.Text.Append($" <{href}>");
                return;
        }

        if (Paragraphs.Contains(name))
        {
            writer.BlankLine();
            if (name == "pre") writer.PreDepth++;
            AppendChildren(element, writer);
            if (name == "pre") writer.PreDepth--;
            writer.BlankLine();
        }
        else if (Blocks.Contains(name))
        {
            writer.LineStart();
            AppendChildren(element, writer);
            writer.LineStart();
        }
        else
        {
            AppendChildren(element, writer);
        }
    }

    private static void AppendChildren(IElement element, TextWriterState writer)
    {
        foreach (var child in element.ChildNodes) Append(child, writer);
    }

    private static string ListMarker(IElement item)
    {
        if (item.ParentElement is { LocalName: "ol" } list)
        {
            var number = 1;
            foreach (var sibling in list.Children)
            {
                if (sibling == item) break;
                if (sibling.LocalName == "li") number++;
            }
            return $"{number}. ";
        }
        return "- ";
    }

    /// <summary>Non-breaking spaces as spaces, no trailing spaces, at most one blank line in a row, trimmed.</summary>
    private static string Tidy(string text)
    {
        var lines = NormaliseNewlines(text).Replace('\u00A0', ' ').Split('\n').Select(l => l.TrimEnd());
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0) { blank++; continue; }
            if (result.Length > 0) result.Append(blank > 0 ? "\n\n" : "\n");
            blank = 0;
            result.Append(line);
        }
        return result.ToString().Trim();
    }

    [GeneratedRegex(@"[ \t\r\n\f]+")]
    private static partial Regex WhiteSpaceRun();

    // ---- Quoted history ---------------------------------------------------------------------

    [GeneratedRegex(@"^\s*On\s.*\d.*\bwrote:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WroteLine();

    [GeneratedRegex(@"^\s*On\s", RegexOptions.IgnoreCase)]
    private static partial Regex OnStart();

    [GeneratedRegex(@"^\s*\*?From:\*?\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^\s*\*?(Sent|Date):\*?\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex SentLine();

    [GeneratedRegex(@"^\s*\*?(To|Cc|Subject):\*?(\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex OtherHeaderLine();

    [GeneratedRegex(@"^\s*(_{10,}|-{10,})\s*$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"^\s*-{2,}\s*Original Message\s*-{2,}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessageLine();

    /// <summary>
    /// The text without quoted history: cut at the first "On … wrote:" line with a date or time in it
    /// (also when wrapped over two lines), Outlook's From:/Sent: block (and the rule above it), or "-----Original Message-----";
    /// trailing "&gt;" lines and a "-- " signature dropped. Falls back to the whole text when nothing is left.
    /// </summary>
    public static string NewTextOf(string fullText)
    {
        var lines = NormaliseNewlines(fullText).Split('\n').ToList();
        var cut = FirstQuoteHeader(lines);
        if (cut < lines.Count) lines.RemoveRange(cut, lines.Count - cut);

        // A trailing run of quoted lines (blank lines among them) is history too.
        var end = lines.Count;
        while (end > 0 && lines[end - 1].Trim().Length == 0) end--;
        var start = end;
        while (start > 0 && (lines[start - 1].TrimStart().StartsWith('>') || lines[start - 1].Trim().Length == 0)) start--;
        if (start < end && lines.Skip(start).Take(end - start).Any(l => l.TrimStart().StartsWith('>')))
            lines.RemoveRange(start, lines.Count - start);

        var signature = lines.FindIndex(l => l is "-- " or "--");
        if (signature >= 0) lines.RemoveRange(signature, lines.Count - signature);

        var text = Tidy(string.Join('\n', lines));
        return text.Length > 0 ? text : fullText.Trim();
    }

    /// <summary>Longer lines are never quote headers (and are not worth a regular expression's time).</summary>
    private const int QuoteHeaderMaxLength = 400;

    private static int FirstQuoteHeader(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length > QuoteHeaderMaxLength) continue;
            if (OriginalMessageLine().IsMatch(line)) return i;
            if (WroteLine().IsMatch(line)) return i;
            if (OnStart().IsMatch(line) && i + 1 < lines.Count && lines[i + 1].Length <= QuoteHeaderMaxLength && !line.TrimEnd().EndsWith(':')
                && WroteLine().IsMatch(line.TrimEnd() + " " + lines[i + 1].Trim()))
                return i;
            if (FromLine().IsMatch(line) && IsOutlookBlock(lines, i))
            {
                // Include the rule (or blank lines then a rule) Outlook puts above the block.
                var top = i;
                var above = i - 1;
                while (above >= 0 && lines[above].Trim().Length == 0) above--;
                if (above >= 0 && RuleLine().IsMatch(lines[above])) top = above;
                return top;
            }
        }
        return lines.Count;
    }

    /// <summary>A "From:" line followed within a few lines by "Sent:" (or "Date:") and To:/Subject: lines.</summary>
    private static bool IsOutlookBlock(List<string> lines, int from)
    {
        var sent = false;
        var other = false;
        for (var j = from + 1; j < lines.Count && j <= from + 5; j++)
        {
            if (SentLine().IsMatch(lines[j])) sent = true;
            else if (OtherHeaderLine().IsMatch(lines[j])) other = true;
        }
        return sent && other;
    }

    // ---- Attachments ------------------------------------------------------------------------

    private static List<InboundAttachment> AttachmentsOf(MimeEntity? body, HashSet<MimeEntity> bodyParts)
    {
        var found = new List<InboundAttachment>();
        Collect(body, bodyParts, found);
        return found;
    }

    private static void Collect(MimeEntity? entity, HashSet<MimeEntity> bodyParts, List<InboundAttachment> found)
    {
        switch (entity)
        {
            case null:
                return;
            case MultipartReport:
                // A report's parts (its explanation, status and the returned message) are the report, not files.
                return;
            case Multipart multipart:
                foreach (var child in multipart) Collect(child, bodyParts, found);
                return;
            case MessageDeliveryStatus:
                return;
            case TnefPart winmail when Unpack(winmail) is { } outlook:
            {
                // winmail.dat: the files Outlook packed into it are the attachments (its body is read as the text).
                var tnefBody = new HashSet<MimeEntity>(ReferenceEqualityComparer.Instance);
                if (FindBody(outlook.Body, TextFormat.Plain) is { } tnefPlain) tnefBody.Add(tnefPlain);
                if (FindBody(outlook.Body, TextFormat.Html) is { } tnefHtml) tnefBody.Add(tnefHtml);
                foreach (var packed in Walk(outlook.Body))
                    if (packed is MimePart inner && !tnefBody.Contains(inner) && inner is not TextPart { IsAttachment: false, FileName: null })
                        Collect(inner, tnefBody, found);
                return;
            }
            case MessagePart message when message.Message is not null && !message.ContentType.IsMimeType("text", "rfc822-headers"):
            {
                // A forwarded email attached whole: kept as an .eml file.
                using var stream = new MemoryStream();
                message.Message.WriteTo(stream);
                var name = SafeFileName(message.ContentDisposition?.FileName ?? message.ContentType.Name)
                    ?? $"attachment-{found.Count + 1}.eml";
                found.Add(new InboundAttachment(name, message.ContentType.MimeType.ToLowerInvariant(), stream.Length, stream.ToArray(),
                    Inline: false));
                return;
            }
            case MimePart part when !bodyParts.Contains(part) && IsAttachment(part):
            {
                using var stream = new MemoryStream();
                part.Content?.DecodeTo(stream);
                var mimeType = part.ContentType.MimeType.ToLowerInvariant();
                var name = SafeFileName(part.FileName) ?? $"attachment-{found.Count + 1}{ExtensionFor(mimeType)}";
                var inline = part.ContentDisposition is { } disposition
                    ? !disposition.IsAttachment
                    : part.ContentId is not null;
                found.Add(new InboundAttachment(name, mimeType, stream.Length, stream.ToArray(), inline));
                return;
            }
        }
    }

    private static bool IsAttachment(MimePart part)
    {
        if (part.ContentType.IsMimeType("message", "delivery-status") || part.ContentType.IsMimeType("text", "rfc822-headers"))
            return false;
        if (part.ContentDisposition is { } disposition)
        {
            if (disposition.IsAttachment) return true;
            if (!string.IsNullOrWhiteSpace(part.FileName)) return true;
        }
        if (part.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase) && part.ContentId is not null)
            return true;
        // A non-text part with no disposition (older clients) is still a file the sender attached.
        return part is not TextPart && part.ContentDisposition is null;
    }

    private static string? SafeFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var last = name.Replace('\\', '/').Split('/').Last().Trim();
        var clean = new string(last.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 || clean is "." or ".." ? null : clean;
    }

    private static string ExtensionFor(string mimeType) =>
        MimeTypes.TryGetExtension(mimeType, out var extension) ? extension : ".bin";

    /// <summary>The message Outlook packed into winmail.dat, or null when it cannot be read.</summary>
    private static MimeMessage? Unpack(TnefPart winmail)
    {
        try
        {
            return winmail.ConvertToMessage();
        }
        catch (Exception e) when (e is TnefException or FormatException or IOException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static IEnumerable<MimeEntity> Walk(MimeEntity? entity)
    {
        if (entity is null) yield break;
        yield return entity;
        if (entity is Multipart multipart)
            foreach (var child in multipart)
            foreach (var descendant in Walk(child))
                yield return descendant;
    }
}
