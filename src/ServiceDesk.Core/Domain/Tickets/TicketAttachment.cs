namespace ServiceDesk.Core.Domain.Tickets;

/// <summary>A file on a ticket: sent with an email or uploaded in the portal.</summary>
public sealed class TicketAttachment
{
    private TicketAttachment() { }

    internal TicketAttachment(string fileName, string contentType, byte[] content, bool inline, int? uploadedById, DateTime at)
    {
        FileName = fileName.Length > 255 ? fileName[..255] : fileName;
        ContentType = contentType;
        Content = content;
        Size = content.LongLength;
        Inline = inline;
        UploadedById = uploadedById;
        CreatedAt = at;
    }

    /// <summary>The same file for the ticket a duplicate merges into: its uploader and time kept.</summary>
    internal TicketAttachment CopyForMerge() => new(FileName, ContentType, Content, Inline, UploadedById, CreatedAt);

    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public byte[] Content { get; private set; } = [];
    public bool Inline { get; private set; }
    public int? UploadedById { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Takes personal data out of the file's name (the file itself stays for the ticket's people).</summary>
    internal void Redact(Func<string, string> scrub) => FileName = scrub(FileName);
}
