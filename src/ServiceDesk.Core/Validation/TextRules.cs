using FluentValidation;

namespace ServiceDesk.Core;

/// <summary>
/// The input rules shared by every use case: lengths and enums given as text. Text is text: what
/// people type is stored as typed (a tag in it is just characters) and encoded wherever it is shown.
/// </summary>
public static class TextRules
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 20_000;
    public const int CommentMax = 20_000;
    public const int ReasonMax = 2_000;

    public static IRuleBuilderOptions<T, string?> TicketTitle<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Give the ticket a short title.")
            .MaximumLength(TitleMax).WithMessage($"The title must be {TitleMax} characters or fewer.");

    public const int SearchMax = 200;

    /// <summary>The words typed into a list's search box (every list's <c>q</c>).</summary>
    public static IRuleBuilderOptions<T, string?> SearchWords<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(SearchMax).WithMessage($"Search for {SearchMax} characters or fewer (q).");

    /// <summary>Another ticket named in a request, by its reference (SD-000123).</summary>
    public static IRuleBuilderOptions<T, string?> TicketReferenceOf<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.NotEmpty().WithMessage($"Give the other ticket's reference, such as SD-000123 ({field}).")
            .Must(v => Domain.Tickets.TicketReference.TryParse(v?.Trim(), out _)).WithMessage($"{field} must be a ticket reference such as SD-000123.");

    public static IRuleBuilderOptions<T, string?> MustBeEnum<T, TEnum>(this IRuleBuilder<T, string?> rule, string field) where TEnum : struct, Enum =>
        rule.NotEmpty().WithMessage($"{field} is required: one of {Names<TEnum>()}.")
            .Must(v => IsName<TEnum>(v)).WithMessage($"{field} must be one of {Names<TEnum>()}.");

    public static IRuleBuilderOptions<T, string?> OptionalEnum<T, TEnum>(this IRuleBuilder<T, string?> rule, string field) where TEnum : struct, Enum =>
        rule.Must(v => v is null || IsName<TEnum>(v)).WithMessage($"{field} must be one of {Names<TEnum>()}.");

    public static bool IsName<TEnum>(string? value) where TEnum : struct, Enum =>
        value is not null && !value.Any(char.IsDigit) && Enum.TryParse<TEnum>(value.Trim(), true, out var parsed) && Enum.IsDefined(parsed);

    public static string Names<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>());
}

/// <summary>Names people the desk meets for the first time.</summary>
public static class PersonNames
{
    /// <summary>"jo.bloggs@swale.example" becomes "Jo Bloggs".</summary>
    public static string FromEmail(string email)
    {
        var local = email.Split('@')[0];
        var parts = local.Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => char.ToUpperInvariant(p[0]) + p[1..]);
        var name = string.Join(' ', parts);
        return name.Length == 0 ? email : name;
    }
}
