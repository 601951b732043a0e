namespace ServiceDesk.Core.Features.Email;

/// <summary>The desk's mail settings that the rules need (ServiceDesk:Email).</summary>
public sealed class EmailOptions
{
    public const string Section = "ServiceDesk:Email";

    /// <summary>The desk's own address: mail comes from it and replies go to it.</summary>
    public string DeskAddress { get; set; } = "desk@sharedict.example";
    public string DeskName { get; set; } = "Shared ICT Service Desk";

    /// <summary>The largest single attachment kept (bytes); larger ones are refused with a note on the ticket.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>File types refused (executables and scripts), by extension.</summary>
    public string[] RefusedExtensions { get; set; } =
        [".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".msi", ".msp", ".dll", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".ps1", ".jar", ".hta", ".cpl", ".lnk", ".reg"];

    /// <summary>How long the key in an approval email lets a reply decide (a new email, a new key).</summary>
    public TimeSpan ApprovalKeyLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// The authserv-ids of the councils' (or the desk's) mail servers whose Authentication-Results
    /// headers are trusted: where one is present, an emailed decision needs a DMARC or DKIM pass for the
    /// sender's domain. Empty: not checked.
    /// </summary>
    public string[] TrustedAuthservIds { get; set; } = [];

    /// <summary>
    /// How long a node's claim on a batch of outbox mail lasts. A node that stops mid-batch leaves
    /// the rest of its batch to another node once the claim runs out.
    /// </summary>
    public int OutboxClaimSeconds { get; set; } = 300;

    /// <summary>How long the one-click rating links in a resolution email work.</summary>
    public TimeSpan RatingLinkLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>At most this many acknowledgements to one address an hour (a guard against mail loops).</summary>
    public int AcknowledgementsPerHour { get; set; } = 5;

    /// <summary>Why a file would be refused (executable, or over the size limit), or null if it is kept.</summary>
    public string? RefusalOf(string fileName, long size)
    {
        if (RefusedExtensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase))
            return $"{fileName}: executable files are not accepted; send it another way if the desk needs it.";
        if (size > MaxAttachmentBytes)
            return $"{fileName}: {size / (1024 * 1024.0):N1} MB is over the {MaxAttachmentBytes / (1024 * 1024.0):N0} MB limit.";
        return null;
    }

    public string DeskDomain => DeskAddress[(DeskAddress.IndexOf('@') + 1)..];

    /// <summary>A new Message-ID in the desk's domain.</summary>
    public string NewMessageId() => $"sd.{Guid.NewGuid():N}@{DeskDomain}";
}
