namespace ServiceDesk.Core.Features.Email;

/// <summary>One result of an Authentication-Results header: which server checked, which method, the result and the domain it vouches for.</summary>
public sealed record MailAuthentication(string AuthservId, string Method, string Result, string? Domain);

/// <summary>A file that came with an email (an attachment or an inline image).</summary>
public sealed record InboundAttachment(string FileName, string ContentType, long Size, byte[] Content, bool Inline);

/// <summary>
/// An email as the desk needs it, read from the raw message by the mail adapter (Core knows no MIME).
/// </summary>
/// <param name="MessageId">The Message-ID without angle brackets; a stable hash of headers and body when the message has none.</param>
/// <param name="References">Message-IDs this message answers: In-Reply-To first, then References, newest first, without angle brackets.</param>
/// <param name="NewText">The new text only: quoted history ("On … wrote:", Outlook's From:/Sent: block, "&gt;" lines) removed; HTML-only mail converted to text.</param>
/// <param name="FullText">The whole body as plain text, quotes included.</param>
/// <param name="AutomaticReason">Why the message must never be acknowledged (Auto-Submitted, Precedence, List-Id, empty Return-Path, mailer-daemon sender, delivery report…); null for a person's mail.</param>
/// <param name="IsDeliveryReport">A delivery-status report (bounce).</param>
/// <param name="ContentHash">A hash of the message as written (transit headers and line endings aside): with the Message-ID, what tells one message from another.</param>
/// <param name="BouncedMessageId">For a bounce: the Message-ID of the message that could not be delivered, if the report names it.</param>
public sealed record InboundEmail(
    string MessageId,
    IReadOnlyList<string> References,
    string FromAddress,
    string? FromName,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string NewText,
    string FullText,
    string? AutomaticReason,
    bool IsDeliveryReport,
    string? BouncedMessageId,
    DateTime? SentAt,
    IReadOnlyList<InboundAttachment> Attachments,
    byte[] Raw,
    string ContentHash)
{
    public bool IsAutomatic => AutomaticReason is not null;

    /// <summary>What the Authentication-Results headers say (a mail server's DKIM, DMARC and SPF checks).</summary>
    public IReadOnlyList<MailAuthentication> Authentication { get; init; } = [];
}
