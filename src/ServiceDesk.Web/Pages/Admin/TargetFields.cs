namespace ServiceDesk.Web.Pages.Admin;

/// <summary>What the target fields show: the page (for its errors) and the amounts and units typed.</summary>
public sealed record TargetFields(DeskPageModel Page, int? ResponseAmount, string? ResponseUnit, int? ResolutionAmount, string? ResolutionUnit);
