using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Knowledge;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Knowledge;

namespace ServiceDesk.Domain.Tests;

public sealed class KnowledgeArticleTests
{
    private static readonly DateTime Start = TestDesk.Monday0900;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Start);

    private static readonly Person Agent = new Person("priya.shah@sharedict.example", "Priya Shah", PersonRoles.Agent, null).WithId(200);
    private static readonly Person Requester = new Person("alice.turner@maidstone.example", "Alice Turner", PersonRoles.Requester, 1).WithId(10);

    private static ArticleContent Content(string title = "Reset your password", ArticleAudience audience = ArticleAudience.AllCouncils, params int[] councils) =>
        new(title, "Choose **Reset password**.", null, ["password", "unlock"], audience, councils, [3], null);

    [Fact]
    public void Every_change_is_a_version_naming_what_changed_and_an_unchanged_save_is_none()
    {
        var article = Article.Draft(Content(), Agent, Actor.Of(Agent), Start);
        article.Edit(Content(), Actor.Of(Agent), Start.AddHours(1));
        article.Edit(Content("Reset or unlock your account") with { Keywords = ["locked out"] }, Actor.Of(Agent), Start.AddHours(2));
        article.Publish(Actor.Of(Agent), Start.AddHours(3), Today);

        Assert.Equal(["Drafted", "Changed: title, keywords", "Published"], article.Versions.Select(v => v.Change));
        Assert.Equal([1, 2, 3], article.Versions.Select(v => v.Number));
        Assert.Equal("Reset your password", article.Versions[0].Title);
        Assert.Equal(Today.AddYears(1), article.ReviewOn);
    }

    [Fact]
    public void The_lifecycle_refuses_a_move_to_where_the_article_already_is_and_chosen_councils_must_be_named()
    {
        var article = Article.Draft(Content(), Agent, Actor.Of(Agent), Start);
        Assert.Throws<ConflictException>(() => article.ReturnToDraft(Actor.Of(Agent), Start));
        article.Publish(Actor.Of(Agent), Start, Today);
        Assert.Throws<ConflictException>(() => article.Publish(Actor.Of(Agent), Start, Today));
        article.Retire(Actor.Of(Agent), Start);
        Assert.Throws<ConflictException>(() => article.Retire(Actor.Of(Agent), Start));
        article.Publish(Actor.Of(Agent), Start, Today);
        Assert.Equal(ArticleStatus.Published, article.Status);

        Assert.Equal("councils", Assert.Throws<FieldException>(() => Article.Draft(Content(audience: ArticleAudience.ChosenCouncils), Agent, Actor.Of(Agent), Start)).Field);
        Assert.Equal("ownerEmail", Assert.Throws<FieldException>(() => Article.Draft(Content(), Requester, Actor.Of(Agent), Start)).Field);
    }

    [Fact]
    public void A_review_reminder_is_due_once_per_review_date()
    {
        var article = Article.Draft(Content() with { ReviewOn = Today.AddDays(3) }, Agent, Actor.Of(Agent), Start);
        Assert.False(article.ReviewReminderDue(Today.AddDays(5)));
        article.Publish(Actor.Of(Agent), Start, Today);
        Assert.False(article.ReviewReminderDue(Today.AddDays(2)));
        Assert.True(article.ReviewReminderDue(Today.AddDays(3)));
        article.RecordReviewReminder();
        Assert.False(article.ReviewReminderDue(Today.AddDays(4)));
        article.MarkReviewed(Today.AddDays(30), Today.AddDays(4), Actor.Of(Agent), Start.AddDays(4));
        Assert.True(article.ReviewReminderDue(Today.AddDays(30)));
        Assert.Throws<FieldException>(() => article.MarkReviewed(Today, Today, Actor.Of(Agent), Start));
    }

    [Fact]
    public void Search_words_drop_syntax_and_common_words_and_a_mistyped_word_is_corrected_to_a_near_indexed_term()
    {
        Assert.Equal(["outlook", "password", "near"], SearchWords.Of("My \"Outlook\" * password NEAR( OR the"));
        string[] terms = ["outlook", "password", "printer", "print", "wifi", "onedrive"];
        var corrections = SearchWords.Corrections(["outlok", "pasword", "print", "printing", "wfi", "zzzzzz"], terms);
        Assert.Equal("outlook", corrections["outlok"]);
        Assert.Equal("password", corrections["pasword"]);
        Assert.False(corrections.ContainsKey("print"));
        Assert.False(corrections.ContainsKey("wfi"));
        Assert.False(corrections.ContainsKey("zzzzzz"));
    }
}
