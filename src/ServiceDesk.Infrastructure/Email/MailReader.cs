using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using MimeKit;
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

    /// <summary>Parses the raw message and reads it.</summary>
    public static InboundEmail Read(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        using var stream = new MemoryStream(raw, writable: false);
        var message = MimeMessage.Load(stream);
        return Read(message, raw);
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
            fullText = HtmlToText(htmlPart.Text);

        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var fromAddress = (from?.Address ?? "").Trim().ToLowerInvariant();
        var fromName = string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name.Trim();

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
            Subject: message.Subject ?? "",
            NewText: NewTextOf(fullText),
            FullText: fullText,
            AutomaticReason: AutomaticReasonOf(message, fromAddress, isReport),
            IsDeliveryReport: isReport,
            BouncedMessageId: isReport ? BouncedMessageIdOf(message.Body) : null,
            SentAt: SentAtOf(message),
            Attachments: AttachmentsOf(message.Body, bodyParts),
            Raw: raw);
    }

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

    private static string? AutomaticReasonOf(MimeMessage message, string fromAddress, bool isReport)
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
        return null;
    }

    private static bool IsDaemon(string address)
    {
        var at = address.LastIndexOf('@');
        var local = at < 0 ? address : address[..at];
        return local.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase)
            || local.Equals("postmaster", StringComparison.OrdinalIgnoreCase);
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
        var text = part.Text ?? "";
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
            case MultipartReport report when string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase):
                // A bounce's parts (its explanation, status and the returned message) are the report, not files.
                return;
            case Multipart multipart:
                foreach (var child in multipart) Collect(child, bodyParts, found);
                return;
            case MessageDeliveryStatus:
                return;
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
