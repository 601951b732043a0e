CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "PersonId" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "Calendars" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Calendars" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "TimeZoneId" TEXT NOT NULL,
    "Opens" TEXT NOT NULL,
    "Closes" TEXT NOT NULL,
    "WorkingDays" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ClosureDay" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ClosureDay" PRIMARY KEY AUTOINCREMENT,
    "CalendarId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    CONSTRAINT "FK_ClosureDay_Calendars_CalendarId" FOREIGN KEY ("CalendarId") REFERENCES "Calendars" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Councils" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Councils" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "MailDomains" TEXT NOT NULL,
    "ActiveUsers" INTEGER NOT NULL,
    "CalendarId" INTEGER NOT NULL,
    CONSTRAINT "FK_Councils_Calendars_CalendarId" FOREIGN KEY ("CalendarId") REFERENCES "Calendars" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "People" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_People" PRIMARY KEY AUTOINCREMENT,
    "Email" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "Roles" INTEGER NOT NULL,
    "MainCouncilId" INTEGER NULL,
    CONSTRAINT "FK_People_Councils_MainCouncilId" FOREIGN KEY ("MainCouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CouncilMembership" (
    "PersonId" INTEGER NOT NULL,
    "CouncilId" INTEGER NOT NULL,
    CONSTRAINT "PK_CouncilMembership" PRIMARY KEY ("PersonId", "CouncilId"),
    CONSTRAINT "FK_CouncilMembership_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CouncilMembership_People_PersonId" FOREIGN KEY ("PersonId") REFERENCES "People" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ResolverGroups" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ResolverGroups" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "CouncilId" INTEGER NULL,
    "LeadId" INTEGER NULL,
    CONSTRAINT "FK_ResolverGroups_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ResolverGroups_People_LeadId" FOREIGN KEY ("LeadId") REFERENCES "People" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CatalogueServices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CatalogueServices" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Tier" TEXT NOT NULL,
    "UnitCost" TEXT NOT NULL,
    "DefaultResolverGroupId" INTEGER NOT NULL,
    "Active" INTEGER NOT NULL,
    CONSTRAINT "FK_CatalogueServices_ResolverGroups_DefaultResolverGroupId" FOREIGN KEY ("DefaultResolverGroupId") REFERENCES "ResolverGroups" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ResolverGroupMember" (
    "ResolverGroupId" INTEGER NOT NULL,
    "PersonId" INTEGER NOT NULL,
    CONSTRAINT "PK_ResolverGroupMember" PRIMARY KEY ("ResolverGroupId", "PersonId"),
    CONSTRAINT "FK_ResolverGroupMember_People_PersonId" FOREIGN KEY ("PersonId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ResolverGroupMember_ResolverGroups_ResolverGroupId" FOREIGN KEY ("ResolverGroupId") REFERENCES "ResolverGroups" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Categories" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Categories" PRIMARY KEY AUTOINCREMENT,
    "ServiceId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "FK_Categories_CatalogueServices_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "CatalogueServices" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ServiceRoute" (
    "ServiceId" INTEGER NOT NULL,
    "CouncilId" INTEGER NOT NULL,
    "ResolverGroupId" INTEGER NOT NULL,
    CONSTRAINT "PK_ServiceRoute" PRIMARY KEY ("ServiceId", "CouncilId"),
    CONSTRAINT "FK_ServiceRoute_CatalogueServices_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "CatalogueServices" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ServiceRoute_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ServiceRoute_ResolverGroups_ResolverGroupId" FOREIGN KEY ("ResolverGroupId") REFERENCES "ResolverGroups" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Tickets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Tickets" PRIMARY KEY AUTOINCREMENT,
    "Type" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "RequesterId" INTEGER NOT NULL,
    "CouncilId" INTEGER NOT NULL,
    "ServiceId" INTEGER NOT NULL,
    "CategoryId" INTEGER NULL,
    "Impact" TEXT NOT NULL,
    "Urgency" TEXT NOT NULL,
    "Priority" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "OwnerId" INTEGER NULL,
    "ResolverGroupId" INTEGER NULL,
    "AssigneeId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "FirstRespondedAt" TEXT NULL,
    "ResolvedAt" TEXT NULL,
    "Resolution" TEXT NULL,
    "ReopenUntil" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "ReopenCount" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Tickets_CatalogueServices_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "CatalogueServices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_Categories_CategoryId" FOREIGN KEY ("CategoryId") REFERENCES "Categories" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_People_AssigneeId" FOREIGN KEY ("AssigneeId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_People_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_People_RequesterId" FOREIGN KEY ("RequesterId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_ResolverGroups_ResolverGroupId" FOREIGN KEY ("ResolverGroupId") REFERENCES "ResolverGroups" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "TicketComments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TicketComments" PRIMARY KEY AUTOINCREMENT,
    "TicketId" INTEGER NOT NULL,
    "AuthorId" INTEGER NOT NULL,
    "Body" TEXT NOT NULL,
    "IsInternal" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_TicketComments_People_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TicketComments_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TicketHistory" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TicketHistory" PRIMARY KEY AUTOINCREMENT,
    "TicketId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "ActorId" INTEGER NULL,
    "ActorName" TEXT NOT NULL,
    "Change" TEXT NOT NULL,
    "From" TEXT NULL,
    "To" TEXT NULL,
    CONSTRAINT "FK_TicketHistory_People_ActorId" FOREIGN KEY ("ActorId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TicketHistory_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TicketParticipant" (
    "TicketId" INTEGER NOT NULL,
    "PersonId" INTEGER NOT NULL,
    CONSTRAINT "PK_TicketParticipant" PRIMARY KEY ("TicketId", "PersonId"),
    CONSTRAINT "FK_TicketParticipant_People_PersonId" FOREIGN KEY ("PersonId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TicketParticipant_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE UNIQUE INDEX "IX_Calendars_Name" ON "Calendars" ("Name");

CREATE INDEX "IX_CatalogueServices_DefaultResolverGroupId" ON "CatalogueServices" ("DefaultResolverGroupId");

CREATE UNIQUE INDEX "IX_CatalogueServices_Name" ON "CatalogueServices" ("Name");

CREATE UNIQUE INDEX "IX_Categories_ServiceId_Name" ON "Categories" ("ServiceId", "Name");

CREATE UNIQUE INDEX "IX_ClosureDay_CalendarId_Date" ON "ClosureDay" ("CalendarId", "Date");

CREATE INDEX "IX_CouncilMembership_CouncilId" ON "CouncilMembership" ("CouncilId");

CREATE INDEX "IX_Councils_CalendarId" ON "Councils" ("CalendarId");

CREATE UNIQUE INDEX "IX_Councils_Code" ON "Councils" ("Code");

CREATE UNIQUE INDEX "IX_People_Email" ON "People" ("Email");

CREATE INDEX "IX_People_MainCouncilId" ON "People" ("MainCouncilId");

CREATE INDEX "IX_ResolverGroupMember_PersonId" ON "ResolverGroupMember" ("PersonId");

CREATE INDEX "IX_ResolverGroups_CouncilId" ON "ResolverGroups" ("CouncilId");

CREATE INDEX "IX_ResolverGroups_LeadId" ON "ResolverGroups" ("LeadId");

CREATE UNIQUE INDEX "IX_ResolverGroups_Name" ON "ResolverGroups" ("Name");

CREATE INDEX "IX_ServiceRoute_CouncilId" ON "ServiceRoute" ("CouncilId");

CREATE INDEX "IX_ServiceRoute_ResolverGroupId" ON "ServiceRoute" ("ResolverGroupId");

CREATE INDEX "IX_TicketComments_AuthorId" ON "TicketComments" ("AuthorId");

CREATE INDEX "IX_TicketComments_TicketId_CreatedAt" ON "TicketComments" ("TicketId", "CreatedAt");

CREATE INDEX "IX_TicketHistory_ActorId" ON "TicketHistory" ("ActorId");

CREATE INDEX "IX_TicketHistory_TicketId_At" ON "TicketHistory" ("TicketId", "At");

CREATE INDEX "IX_TicketParticipant_PersonId" ON "TicketParticipant" ("PersonId");

CREATE INDEX "IX_Tickets_AssigneeId_Status" ON "Tickets" ("AssigneeId", "Status");

CREATE INDEX "IX_Tickets_CategoryId" ON "Tickets" ("CategoryId");

CREATE INDEX "IX_Tickets_CouncilId_Status" ON "Tickets" ("CouncilId", "Status");

CREATE INDEX "IX_Tickets_CreatedAt" ON "Tickets" ("CreatedAt");

CREATE INDEX "IX_Tickets_OwnerId_Status" ON "Tickets" ("OwnerId", "Status");

CREATE INDEX "IX_Tickets_RequesterId_CreatedAt" ON "Tickets" ("RequesterId", "CreatedAt");

CREATE INDEX "IX_Tickets_ResolverGroupId_Status" ON "Tickets" ("ResolverGroupId", "Status");

CREATE INDEX "IX_Tickets_ServiceId" ON "Tickets" ("ServiceId");

CREATE INDEX "IX_Tickets_Status_CreatedAt" ON "Tickets" ("Status", "CreatedAt");

CREATE INDEX "IX_Tickets_Status_ReopenUntil" ON "Tickets" ("Status", "ReopenUntil");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123071909_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Tickets" ADD "AcceptedAt" TEXT NULL;

ALTER TABLE "Tickets" ADD "ClocksStartAt" TEXT NULL;

ALTER TABLE "Tickets" ADD "GroupAssignedAt" TEXT NULL;

ALTER TABLE "Tickets" ADD "GroupWorkedAt" TEXT NULL;

ALTER TABLE "Tickets" ADD "NextClockEventAt" TEXT NULL;

ALTER TABLE "Tickets" ADD "SlaDueAt" TEXT NULL;

ALTER TABLE "Tickets" ADD "SlaState" TEXT NOT NULL DEFAULT '';

CREATE TABLE "OlaTargets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OlaTargets" PRIMARY KEY AUTOINCREMENT,
    "ResolverGroupId" INTEGER NOT NULL,
    "Priority" INTEGER NOT NULL,
    "ResponseAmount" INTEGER NOT NULL,
    "ResponseUnit" TEXT NOT NULL,
    "ResolutionAmount" INTEGER NOT NULL,
    "ResolutionUnit" TEXT NOT NULL,
    CONSTRAINT "FK_OlaTargets_ResolverGroups_ResolverGroupId" FOREIGN KEY ("ResolverGroupId") REFERENCES "ResolverGroups" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Outbox" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Outbox" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "TicketId" INTEGER NULL,
    "RecipientPersonId" INTEGER NULL,
    "RecipientEmail" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);

CREATE TABLE "SlaClocks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SlaClocks" PRIMARY KEY AUTOINCREMENT,
    "TicketId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "ResolverGroupId" INTEGER NULL,
    "TargetMinutes" INTEGER NOT NULL,
    "StartedAt" TEXT NULL,
    "PausedMinutes" INTEGER NOT NULL,
    "PausedSince" TEXT NULL,
    "StoppedAt" TEXT NULL,
    "WarnAt" TEXT NULL,
    "DueAt" TEXT NULL,
    "WarnedAt" TEXT NULL,
    "MetAt" TEXT NULL,
    "BreachedAt" TEXT NULL,
    "Ended" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    CONSTRAINT "FK_SlaClocks_ResolverGroups_ResolverGroupId" FOREIGN KEY ("ResolverGroupId") REFERENCES "ResolverGroups" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SlaClocks_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SlaTargets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SlaTargets" PRIMARY KEY AUTOINCREMENT,
    "Tier" TEXT NOT NULL,
    "Priority" INTEGER NOT NULL,
    "ResponseAmount" INTEGER NOT NULL,
    "ResponseUnit" TEXT NOT NULL,
    "ResolutionAmount" INTEGER NOT NULL,
    "ResolutionUnit" TEXT NOT NULL
);

CREATE INDEX "IX_Tickets_NextClockEventAt" ON "Tickets" ("NextClockEventAt");

CREATE INDEX "IX_Tickets_SlaDueAt" ON "Tickets" ("SlaDueAt");

CREATE INDEX "IX_Tickets_SlaState_Status" ON "Tickets" ("SlaState", "Status");

CREATE UNIQUE INDEX "IX_OlaTargets_ResolverGroupId_Priority" ON "OlaTargets" ("ResolverGroupId", "Priority");

CREATE INDEX "IX_Outbox_SentAt_CreatedAt" ON "Outbox" ("SentAt", "CreatedAt");

CREATE INDEX "IX_Outbox_TicketId" ON "Outbox" ("TicketId");

CREATE INDEX "IX_SlaClocks_ResolverGroupId_Kind" ON "SlaClocks" ("ResolverGroupId", "Kind");

CREATE INDEX "IX_SlaClocks_TicketId" ON "SlaClocks" ("TicketId");

CREATE UNIQUE INDEX "IX_SlaTargets_Tier_Priority" ON "SlaTargets" ("Tier", "Priority");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123073511_SlaClocks', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_Outbox_SentAt_CreatedAt";

ALTER TABLE "Tickets" ADD "FollowsUpId" INTEGER NULL;

ALTER TABLE "Outbox" ADD "AutoSubmitted" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Outbox" ADD "InReplyTo" TEXT NULL;

ALTER TABLE "Outbox" ADD "MessageId" TEXT NULL;

ALTER TABLE "Outbox" ADD "NextAttemptAt" TEXT NULL;

CREATE TABLE "InboundMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InboundMessages" PRIMARY KEY AUTOINCREMENT,
    "MessageId" TEXT NOT NULL,
    "FromAddress" TEXT NOT NULL,
    "FromName" TEXT NULL,
    "Subject" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Raw" BLOB NOT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Note" TEXT NULL,
    "TicketId" INTEGER NULL,
    "DecidedAt" TEXT NULL,
    "DecidedById" INTEGER NULL,
    CONSTRAINT "FK_InboundMessages_People_DecidedById" FOREIGN KEY ("DecidedById") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_InboundMessages_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "TicketAttachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TicketAttachments" PRIMARY KEY AUTOINCREMENT,
    "TicketId" INTEGER NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Content" BLOB NOT NULL,
    "Inline" INTEGER NOT NULL,
    "UploadedById" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_TicketAttachments_People_UploadedById" FOREIGN KEY ("UploadedById") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TicketAttachments_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Tickets_FollowsUpId" ON "Tickets" ("FollowsUpId");

CREATE INDEX "IX_Outbox_MessageId" ON "Outbox" ("MessageId");

CREATE INDEX "IX_Outbox_RecipientEmail_Kind_CreatedAt" ON "Outbox" ("RecipientEmail", "Kind", "CreatedAt");

CREATE INDEX "IX_Outbox_SentAt_NextAttemptAt" ON "Outbox" ("SentAt", "NextAttemptAt");

CREATE INDEX "IX_InboundMessages_DecidedById" ON "InboundMessages" ("DecidedById");

CREATE UNIQUE INDEX "IX_InboundMessages_MessageId" ON "InboundMessages" ("MessageId");

CREATE INDEX "IX_InboundMessages_Status_ReceivedAt" ON "InboundMessages" ("Status", "ReceivedAt");

CREATE INDEX "IX_InboundMessages_TicketId" ON "InboundMessages" ("TicketId");

CREATE INDEX "IX_TicketAttachments_TicketId" ON "TicketAttachments" ("TicketId");

CREATE INDEX "IX_TicketAttachments_UploadedById" ON "TicketAttachments" ("UploadedById");

CREATE TABLE "ef_temp_Outbox" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Outbox" PRIMARY KEY AUTOINCREMENT,
    "Attempts" INTEGER NOT NULL,
    "AutoSubmitted" INTEGER NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "InReplyTo" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "LastError" TEXT NULL,
    "MessageId" TEXT NULL,
    "NextAttemptAt" TEXT NULL,
    "RecipientEmail" TEXT NOT NULL,
    "RecipientPersonId" INTEGER NULL,
    "SentAt" TEXT NULL,
    "Subject" TEXT NOT NULL,
    "TicketId" INTEGER NULL,
    CONSTRAINT "FK_Outbox_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Outbox" ("Id", "Attempts", "AutoSubmitted", "Body", "CreatedAt", "InReplyTo", "Kind", "LastError", "MessageId", "NextAttemptAt", "RecipientEmail", "RecipientPersonId", "SentAt", "Subject", "TicketId")
SELECT "Id", "Attempts", "AutoSubmitted", "Body", "CreatedAt", "InReplyTo", "Kind", "LastError", "MessageId", "NextAttemptAt", "RecipientEmail", "RecipientPersonId", "SentAt", "Subject", "TicketId"
FROM "Outbox";

CREATE TABLE "ef_temp_Tickets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Tickets" PRIMARY KEY AUTOINCREMENT,
    "AcceptedAt" TEXT NULL,
    "AssigneeId" INTEGER NULL,
    "CategoryId" INTEGER NULL,
    "Channel" TEXT NOT NULL,
    "ClocksStartAt" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "CouncilId" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "FirstRespondedAt" TEXT NULL,
    "FollowsUpId" INTEGER NULL,
    "GroupAssignedAt" TEXT NULL,
    "GroupWorkedAt" TEXT NULL,
    "Impact" TEXT NOT NULL,
    "NextClockEventAt" TEXT NULL,
    "OwnerId" INTEGER NULL,
    "Priority" INTEGER NOT NULL,
    "ReopenCount" INTEGER NOT NULL,
    "ReopenUntil" TEXT NULL,
    "RequesterId" INTEGER NOT NULL,
    "Resolution" TEXT NULL,
    "ResolvedAt" TEXT NULL,
    "ResolverGroupId" INTEGER NULL,
    "ServiceId" INTEGER NOT NULL,
    "SlaDueAt" TEXT NULL,
    "SlaState" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Urgency" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Tickets_CatalogueServices_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "CatalogueServices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_Categories_CategoryId" FOREIGN KEY ("CategoryId") REFERENCES "Categories" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_People_AssigneeId" FOREIGN KEY ("AssigneeId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_People_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_People_RequesterId" FOREIGN KEY ("RequesterId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_ResolverGroups_ResolverGroupId" FOREIGN KEY ("ResolverGroupId") REFERENCES "ResolverGroups" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_Tickets_FollowsUpId" FOREIGN KEY ("FollowsUpId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Tickets" ("Id", "AcceptedAt", "AssigneeId", "CategoryId", "Channel", "ClocksStartAt", "ClosedAt", "CouncilId", "CreatedAt", "Description", "FirstRespondedAt", "FollowsUpId", "GroupAssignedAt", "GroupWorkedAt", "Impact", "NextClockEventAt", "OwnerId", "Priority", "ReopenCount", "ReopenUntil", "RequesterId", "Resolution", "ResolvedAt", "ResolverGroupId", "ServiceId", "SlaDueAt", "SlaState", "Status", "Title", "Type", "UpdatedAt", "Urgency", "Version")
SELECT "Id", "AcceptedAt", "AssigneeId", "CategoryId", "Channel", "ClocksStartAt", "ClosedAt", "CouncilId", "CreatedAt", "Description", "FirstRespondedAt", "FollowsUpId", "GroupAssignedAt", "GroupWorkedAt", "Impact", "NextClockEventAt", "OwnerId", "Priority", "ReopenCount", "ReopenUntil", "RequesterId", "Resolution", "ResolvedAt", "ResolverGroupId", "ServiceId", "SlaDueAt", "SlaState", "Status", "Title", "Type", "UpdatedAt", "Urgency", "Version"
FROM "Tickets";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "Outbox";

ALTER TABLE "ef_temp_Outbox" RENAME TO "Outbox";

DROP TABLE "Tickets";

ALTER TABLE "ef_temp_Tickets" RENAME TO "Tickets";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_Outbox_MessageId" ON "Outbox" ("MessageId");

CREATE INDEX "IX_Outbox_RecipientEmail_Kind_CreatedAt" ON "Outbox" ("RecipientEmail", "Kind", "CreatedAt");

CREATE INDEX "IX_Outbox_SentAt_NextAttemptAt" ON "Outbox" ("SentAt", "NextAttemptAt");

CREATE INDEX "IX_Outbox_TicketId" ON "Outbox" ("TicketId");

CREATE INDEX "IX_Tickets_AssigneeId_Status" ON "Tickets" ("AssigneeId", "Status");

CREATE INDEX "IX_Tickets_CategoryId" ON "Tickets" ("CategoryId");

CREATE INDEX "IX_Tickets_CouncilId_Status" ON "Tickets" ("CouncilId", "Status");

CREATE INDEX "IX_Tickets_CreatedAt" ON "Tickets" ("CreatedAt");

CREATE INDEX "IX_Tickets_FollowsUpId" ON "Tickets" ("FollowsUpId");

CREATE INDEX "IX_Tickets_NextClockEventAt" ON "Tickets" ("NextClockEventAt");

CREATE INDEX "IX_Tickets_OwnerId_Status" ON "Tickets" ("OwnerId", "Status");

CREATE INDEX "IX_Tickets_RequesterId_CreatedAt" ON "Tickets" ("RequesterId", "CreatedAt");

CREATE INDEX "IX_Tickets_ResolverGroupId_Status" ON "Tickets" ("ResolverGroupId", "Status");

CREATE INDEX "IX_Tickets_ServiceId" ON "Tickets" ("ServiceId");

CREATE INDEX "IX_Tickets_SlaDueAt" ON "Tickets" ("SlaDueAt");

CREATE INDEX "IX_Tickets_SlaState_Status" ON "Tickets" ("SlaState", "Status");

CREATE INDEX "IX_Tickets_Status_CreatedAt" ON "Tickets" ("Status", "CreatedAt");

CREATE INDEX "IX_Tickets_Status_ReopenUntil" ON "Tickets" ("Status", "ReopenUntil");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123081215_EmailChannel', '10.0.15');

BEGIN TRANSACTION;
ALTER TABLE "Tickets" ADD "RatedAt" TEXT NULL;

ALTER TABLE "Tickets" ADD "SatisfactionComment" TEXT NULL;

ALTER TABLE "Tickets" ADD "SatisfactionRating" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123110442_Satisfaction', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Problems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Problems" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Priority" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "OwnerId" INTEGER NULL,
    "CategoryId" INTEGER NULL,
    "RootCause" TEXT NULL,
    "Workaround" TEXT NULL,
    "Resolution" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "KnownErrorPublishedAt" TEXT NULL,
    "ResolvedAt" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Problems_Categories_CategoryId" FOREIGN KEY ("CategoryId") REFERENCES "Categories" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Problems_People_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "People" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ProblemHistory" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProblemHistory" PRIMARY KEY AUTOINCREMENT,
    "ProblemId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "ActorId" INTEGER NULL,
    "ActorName" TEXT NOT NULL,
    "Change" TEXT NOT NULL,
    "From" TEXT NULL,
    "To" TEXT NULL,
    CONSTRAINT "FK_ProblemHistory_People_ActorId" FOREIGN KEY ("ActorId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ProblemHistory_Problems_ProblemId" FOREIGN KEY ("ProblemId") REFERENCES "Problems" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ProblemIncidents" (
    "ProblemId" INTEGER NOT NULL,
    "TicketId" INTEGER NOT NULL,
    "LinkedById" INTEGER NULL,
    "LinkedAt" TEXT NOT NULL,
    CONSTRAINT "PK_ProblemIncidents" PRIMARY KEY ("ProblemId", "TicketId"),
    CONSTRAINT "FK_ProblemIncidents_People_LinkedById" FOREIGN KEY ("LinkedById") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ProblemIncidents_Problems_ProblemId" FOREIGN KEY ("ProblemId") REFERENCES "Problems" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ProblemIncidents_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ProblemServices" (
    "ProblemId" INTEGER NOT NULL,
    "ServiceId" INTEGER NOT NULL,
    CONSTRAINT "PK_ProblemServices" PRIMARY KEY ("ProblemId", "ServiceId"),
    CONSTRAINT "FK_ProblemServices_CatalogueServices_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "CatalogueServices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ProblemServices_Problems_ProblemId" FOREIGN KEY ("ProblemId") REFERENCES "Problems" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ProblemHistory_ActorId" ON "ProblemHistory" ("ActorId");

CREATE INDEX "IX_ProblemHistory_ProblemId_At" ON "ProblemHistory" ("ProblemId", "At");

CREATE INDEX "IX_ProblemIncidents_LinkedById" ON "ProblemIncidents" ("LinkedById");

CREATE UNIQUE INDEX "IX_ProblemIncidents_TicketId" ON "ProblemIncidents" ("TicketId");

CREATE INDEX "IX_Problems_CategoryId" ON "Problems" ("CategoryId");

CREATE INDEX "IX_Problems_KnownErrorPublishedAt" ON "Problems" ("KnownErrorPublishedAt");

CREATE INDEX "IX_Problems_OwnerId" ON "Problems" ("OwnerId");

CREATE INDEX "IX_Problems_Status_UpdatedAt" ON "Problems" ("Status", "UpdatedAt");

CREATE INDEX "IX_ProblemServices_ServiceId" ON "ProblemServices" ("ServiceId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123112341_Problems', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Councils" ADD "ReportRecipients" TEXT NOT NULL DEFAULT '[]';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123113033_CouncilReportRecipients', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Outbox" ADD "AttachmentContent" BLOB NULL;

ALTER TABLE "Outbox" ADD "AttachmentContentType" TEXT NULL;

ALTER TABLE "Outbox" ADD "AttachmentName" TEXT NULL;

ALTER TABLE "Outbox" ADD "HtmlBody" TEXT NULL;

CREATE TABLE "MonthlyReports" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MonthlyReports" PRIMARY KEY AUTOINCREMENT,
    "CouncilId" INTEGER NULL,
    "ScopeKey" INTEGER NOT NULL,
    "Month" TEXT NOT NULL,
    "FiguresJson" TEXT NOT NULL,
    "GeneratedAt" TEXT NOT NULL,
    "MailedAt" TEXT NULL,
    "ResentAt" TEXT NULL,
    CONSTRAINT "FK_MonthlyReports_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_MonthlyReports_CouncilId" ON "MonthlyReports" ("CouncilId");

CREATE UNIQUE INDEX "IX_MonthlyReports_ScopeKey_Month" ON "MonthlyReports" ("ScopeKey", "Month");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123121053_SlaReports', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Tickets" ADD "Quantity" INTEGER NOT NULL DEFAULT 1;

ALTER TABLE "Councils" ADD "FinanceContact" TEXT NULL;

ALTER TABLE "CatalogueServices" ADD "SubscriberCalendarId" INTEGER NULL;

CREATE TABLE "Charges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Charges" PRIMARY KEY AUTOINCREMENT,
    "CouncilId" INTEGER NOT NULL,
    "TicketId" INTEGER NOT NULL,
    "ServiceId" INTEGER NOT NULL,
    "ServiceName" TEXT NOT NULL,
    "Tier" TEXT NOT NULL,
    "UnitCost" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "Amount" TEXT NOT NULL,
    "ChargedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Charges_CatalogueServices_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "CatalogueServices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Charges_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Charges_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CouncilSubscriptions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CouncilSubscriptions" PRIMARY KEY AUTOINCREMENT,
    "CouncilId" INTEGER NOT NULL,
    "ServiceId" INTEGER NOT NULL,
    "StartsOn" TEXT NOT NULL,
    "EndsOn" TEXT NULL,
    "AnnualCost" TEXT NOT NULL,
    CONSTRAINT "FK_CouncilSubscriptions_CatalogueServices_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "CatalogueServices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CouncilSubscriptions_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TicketApprovals" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TicketApprovals" PRIMARY KEY AUTOINCREMENT,
    "TicketId" INTEGER NOT NULL,
    "Stage" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "RequestedAt" TEXT NOT NULL,
    "DecidedById" INTEGER NULL,
    "DecidedByName" TEXT NULL,
    "DecidedAt" TEXT NULL,
    "Reason" TEXT NULL,
    "ByEmail" INTEGER NOT NULL,
    CONSTRAINT "FK_TicketApprovals_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_CatalogueServices_SubscriberCalendarId" ON "CatalogueServices" ("SubscriberCalendarId");

CREATE INDEX "IX_Charges_CouncilId_ChargedAt" ON "Charges" ("CouncilId", "ChargedAt");

CREATE INDEX "IX_Charges_ServiceId" ON "Charges" ("ServiceId");

CREATE UNIQUE INDEX "IX_Charges_TicketId" ON "Charges" ("TicketId");

CREATE INDEX "IX_CouncilSubscriptions_CouncilId_ServiceId" ON "CouncilSubscriptions" ("CouncilId", "ServiceId");

CREATE INDEX "IX_CouncilSubscriptions_ServiceId" ON "CouncilSubscriptions" ("ServiceId");

CREATE INDEX "IX_TicketApprovals_Status_Stage" ON "TicketApprovals" ("Status", "Stage");

CREATE INDEX "IX_TicketApprovals_TicketId" ON "TicketApprovals" ("TicketId");

CREATE TABLE "ef_temp_CatalogueServices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CatalogueServices" PRIMARY KEY AUTOINCREMENT,
    "Active" INTEGER NOT NULL,
    "DefaultResolverGroupId" INTEGER NOT NULL,
    "Description" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "SubscriberCalendarId" INTEGER NULL,
    "Tier" TEXT NOT NULL,
    "UnitCost" TEXT NOT NULL,
    CONSTRAINT "FK_CatalogueServices_Calendars_SubscriberCalendarId" FOREIGN KEY ("SubscriberCalendarId") REFERENCES "Calendars" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CatalogueServices_ResolverGroups_DefaultResolverGroupId" FOREIGN KEY ("DefaultResolverGroupId") REFERENCES "ResolverGroups" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_CatalogueServices" ("Id", "Active", "DefaultResolverGroupId", "Description", "Name", "SubscriberCalendarId", "Tier", "UnitCost")
SELECT "Id", "Active", "DefaultResolverGroupId", "Description", "Name", "SubscriberCalendarId", "Tier", "UnitCost"
FROM "CatalogueServices";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "CatalogueServices";

ALTER TABLE "ef_temp_CatalogueServices" RENAME TO "CatalogueServices";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_CatalogueServices_DefaultResolverGroupId" ON "CatalogueServices" ("DefaultResolverGroupId");

CREATE UNIQUE INDEX "IX_CatalogueServices_Name" ON "CatalogueServices" ("Name");

CREATE INDEX "IX_CatalogueServices_SubscriberCalendarId" ON "CatalogueServices" ("SubscriberCalendarId");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123125243_ApprovalsAndRecharges', '10.0.15');

BEGIN TRANSACTION;
CREATE TABLE "SpentRefreshTokens" (
    "TokenHash" TEXT NOT NULL CONSTRAINT "PK_SpentRefreshTokens" PRIMARY KEY,
    "ExpiresAt" TEXT NOT NULL
);

CREATE INDEX "IX_SpentRefreshTokens_ExpiresAt" ON "SpentRefreshTokens" ("ExpiresAt");

UPDATE "AspNetUsers" SET "LockoutEnabled" = 1;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202185646_PasswordsAndSignIn', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "ActorId" INTEGER NULL,
    "ActorName" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityKey" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL,
    CONSTRAINT "FK_AuditEntries_People_ActorId" FOREIGN KEY ("ActorId") REFERENCES "People" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_AuditEntries_ActorId" ON "AuditEntries" ("ActorId");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_AuditEntries_EntityType" ON "AuditEntries" ("EntityType");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202185751_AuditList', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "People" ADD "DeactivatedAt" TEXT NULL;

ALTER TABLE "Councils" ADD "WithdrawnAt" TEXT NULL;

ALTER TABLE "CouncilMembership" ADD "Approver" INTEGER NOT NULL DEFAULT 0;

UPDATE "CouncilMembership" SET "Approver" = 1 WHERE "PersonId" IN (SELECT "Id" FROM "People" WHERE ("Roles" & 2) = 2);

CREATE TABLE "Partnership" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Partnership" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "SharedIctDomain" TEXT NULL,
    "IsDemo" INTEGER NOT NULL,
    "SetupTokenHash" TEXT NULL,
    "SetUpAt" TEXT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202185844_PartnershipSetupAndPeople', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_InboundMessages_MessageId";

ALTER TABLE "InboundMessages" ADD "ContentHash" TEXT NOT NULL DEFAULT '';

CREATE UNIQUE INDEX "IX_InboundMessages_MessageId_ContentHash" ON "InboundMessages" ("MessageId", "ContentHash");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202195039_MailContentHash', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "TicketApprovals" ADD "EmailKeyExpiresAt" TEXT NULL;

ALTER TABLE "TicketApprovals" ADD "EmailKeyHash" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202202145_ApprovalEmailKey', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Outbox" ADD "ClaimedBy" TEXT NULL;

ALTER TABLE "Outbox" ADD "ClaimedUntil" TEXT NULL;

CREATE INDEX "IX_Outbox_ClaimedBy" ON "Outbox" ("ClaimedBy");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203001333_OutboxClaims', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Articles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Articles" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Category" TEXT NULL,
    "Keywords" TEXT NOT NULL,
    "Audience" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "OwnerId" INTEGER NULL,
    "ReviewOn" TEXT NULL,
    "ReviewReminderSentFor" TEXT NULL,
    "ProblemId" INTEGER NULL,
    "SourceTicketId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "PublishedAt" TEXT NULL,
    "RetiredAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Articles_People_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Articles_Problems_ProblemId" FOREIGN KEY ("ProblemId") REFERENCES "Problems" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Articles_Tickets_SourceTicketId" FOREIGN KEY ("SourceTicketId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ArticleActivities" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ArticleActivities" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "PersonId" INTEGER NULL,
    "CouncilId" INTEGER NULL,
    "At" TEXT NOT NULL,
    "Query" TEXT NULL,
    CONSTRAINT "FK_ArticleActivities_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ArticleActivities_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ArticleActivities_People_PersonId" FOREIGN KEY ("PersonId") REFERENCES "People" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ArticleCouncils" (
    "ArticleId" INTEGER NOT NULL,
    "CouncilId" INTEGER NOT NULL,
    CONSTRAINT "PK_ArticleCouncils" PRIMARY KEY ("ArticleId", "CouncilId"),
    CONSTRAINT "FK_ArticleCouncils_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ArticleCouncils_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ArticleServices" (
    "ArticleId" INTEGER NOT NULL,
    "ServiceId" INTEGER NOT NULL,
    CONSTRAINT "PK_ArticleServices" PRIMARY KEY ("ArticleId", "ServiceId"),
    CONSTRAINT "FK_ArticleServices_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ArticleServices_CatalogueServices_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "CatalogueServices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ArticleVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ArticleVersions" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "ActorId" INTEGER NULL,
    "ActorName" TEXT NOT NULL,
    "Change" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Category" TEXT NULL,
    "Keywords" TEXT NOT NULL,
    "Audience" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    CONSTRAINT "FK_ArticleVersions_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ArticleVersions_People_ActorId" FOREIGN KEY ("ActorId") REFERENCES "People" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ArticleActivities_ArticleId_PersonId_Kind" ON "ArticleActivities" ("ArticleId", "PersonId", "Kind");

CREATE INDEX "IX_ArticleActivities_CouncilId_At" ON "ArticleActivities" ("CouncilId", "At");

CREATE INDEX "IX_ArticleActivities_PersonId" ON "ArticleActivities" ("PersonId");

CREATE INDEX "IX_ArticleCouncils_CouncilId" ON "ArticleCouncils" ("CouncilId");

CREATE INDEX "IX_Articles_OwnerId" ON "Articles" ("OwnerId");

CREATE UNIQUE INDEX "IX_Articles_ProblemId" ON "Articles" ("ProblemId");

CREATE INDEX "IX_Articles_SourceTicketId" ON "Articles" ("SourceTicketId");

CREATE INDEX "IX_Articles_Status_ReviewOn" ON "Articles" ("Status", "ReviewOn");

CREATE INDEX "IX_Articles_Status_Title" ON "Articles" ("Status", "Title");

CREATE INDEX "IX_ArticleServices_ServiceId" ON "ArticleServices" ("ServiceId");

CREATE INDEX "IX_ArticleVersions_ActorId" ON "ArticleVersions" ("ActorId");

CREATE INDEX "IX_ArticleVersions_ArticleId_Number" ON "ArticleVersions" ("ArticleId", "Number");

CREATE VIRTUAL TABLE "ArticleSearch" USING fts5("Title", "Keywords", "Body", tokenize = 'porter unicode61 remove_diacritics 2');

CREATE VIRTUAL TABLE "ArticleSearchTerms" USING fts5vocab("ArticleSearch", 'row');

CREATE TRIGGER "Articles_search_insert" AFTER INSERT ON "Articles" BEGIN
    INSERT INTO "ArticleSearch"(rowid, "Title", "Keywords", "Body") VALUES (new."Id", new."Title", new."Keywords", new."Body");
END;

CREATE TRIGGER "Articles_search_update" AFTER UPDATE OF "Title", "Keywords", "Body" ON "Articles" BEGIN
    DELETE FROM "ArticleSearch" WHERE rowid = old."Id";
    INSERT INTO "ArticleSearch"(rowid, "Title", "Keywords", "Body") VALUES (new."Id", new."Title", new."Keywords", new."Body");
END;

CREATE TRIGGER "Articles_search_delete" AFTER DELETE ON "Articles" BEGIN
    DELETE FROM "ArticleSearch" WHERE rowid = old."Id";
END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203001637_KnowledgeArticles', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Tickets" ADD "AwaitedCustomer" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Tickets" ADD "FirstContactMarked" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Tickets" ADD "OutageEndedAt" TEXT NULL;

ALTER TABLE "Tickets" ADD "OutageStartedAt" TEXT NULL;

ALTER TABLE "Tickets" ADD "Reassigned" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Tickets" ADD "ResolvedOnFirstContact" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Tickets" ADD "StaffReplies" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Councils" ADD "RetentionYears" INTEGER NOT NULL DEFAULT 6;

CREATE TABLE "ActiveUserCounts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ActiveUserCounts" PRIMARY KEY AUTOINCREMENT,
    "CouncilId" INTEGER NOT NULL,
    "From" TEXT NOT NULL,
    "Count" INTEGER NOT NULL,
    "Previous" INTEGER NOT NULL,
    CONSTRAINT "FK_ActiveUserCounts_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ActiveUserCounts_CouncilId_From" ON "ActiveUserCounts" ("CouncilId", "From");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203001957_ServiceMeasures', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_CouncilMembership_CouncilId";

ALTER TABLE "CouncilMembership" ADD "ExternalId" TEXT NULL;

CREATE TABLE "ProvisioningTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProvisioningTokens" PRIMARY KEY AUTOINCREMENT,
    "CouncilId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_ProvisioningTokens_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SignInProviders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SignInProviders" PRIMARY KEY AUTOINCREMENT,
    "CouncilId" INTEGER NULL,
    "Authority" TEXT NOT NULL,
    "ClientId" TEXT NOT NULL,
    "ProtectedClientSecret" TEXT NOT NULL,
    "EmailClaim" TEXT NOT NULL,
    "PasswordSignIn" INTEGER NOT NULL,
    "Stamp" TEXT NOT NULL,
    CONSTRAINT "FK_SignInProviders_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_CouncilMembership_CouncilId_ExternalId" ON "CouncilMembership" ("CouncilId", "ExternalId");

CREATE INDEX "IX_ProvisioningTokens_CouncilId" ON "ProvisioningTokens" ("CouncilId");

CREATE UNIQUE INDEX "IX_ProvisioningTokens_TokenHash" ON "ProvisioningTokens" ("TokenHash");

CREATE UNIQUE INDEX "IX_SignInProviders_CouncilId" ON "SignInProviders" ("CouncilId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203002008_CouncilSignInAndProvisioning', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203002750_SharedDataProtectionKeys', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Outbox" ADD "SecondAttachmentContent" BLOB NULL;

ALTER TABLE "Outbox" ADD "SecondAttachmentContentType" TEXT NULL;

ALTER TABLE "Outbox" ADD "SecondAttachmentName" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203004511_ReportPdfAttachment', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "CannedReplies" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CannedReplies" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "ResolverGroupId" INTEGER NULL,
    "UsageCount" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_CannedReplies_ResolverGroups_ResolverGroupId" FOREIGN KEY ("ResolverGroupId") REFERENCES "ResolverGroups" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_CannedReplies_ResolverGroupId" ON "CannedReplies" ("ResolverGroupId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203005346_CannedReplies', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Tickets" ADD "AnonymisedAt" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203010319_DataProtection', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "People" ADD "MailTurnedOff" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "People" ADD "Phone" TEXT NULL;

ALTER TABLE "People" ADD "PhoneDigits" TEXT NULL;

CREATE INDEX "IX_People_PhoneDigits" ON "People" ("PhoneDigits");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203055540_PhoneCallsAndMailChoices', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE VIRTUAL TABLE "TicketSearch" USING fts5("Title", "Description", "Resolution", content = 'Tickets', content_rowid = 'Id', tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TRIGGER "Tickets_search_insert" AFTER INSERT ON "Tickets" BEGIN
    INSERT INTO "TicketSearch"(rowid, "Title", "Description", "Resolution") VALUES (new."Id", new."Title", new."Description", new."Resolution");
END;

CREATE TRIGGER "Tickets_search_update" AFTER UPDATE OF "Title", "Description", "Resolution" ON "Tickets" BEGIN
    INSERT INTO "TicketSearch"("TicketSearch", rowid, "Title", "Description", "Resolution") VALUES ('delete', old."Id", old."Title", old."Description", old."Resolution");
    INSERT INTO "TicketSearch"(rowid, "Title", "Description", "Resolution") VALUES (new."Id", new."Title", new."Description", new."Resolution");
END;

CREATE TRIGGER "Tickets_search_delete" AFTER DELETE ON "Tickets" BEGIN
    INSERT INTO "TicketSearch"("TicketSearch", rowid, "Title", "Description", "Resolution") VALUES ('delete', old."Id", old."Title", old."Description", old."Resolution");
END;

INSERT INTO "TicketSearch"("TicketSearch") VALUES ('rebuild');

CREATE VIRTUAL TABLE "CommentSearch" USING fts5("Body", content = 'TicketComments', content_rowid = 'Id', tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TRIGGER "TicketComments_search_insert" AFTER INSERT ON "TicketComments" BEGIN
    INSERT INTO "CommentSearch"(rowid, "Body") VALUES (new."Id", new."Body");
END;

CREATE TRIGGER "TicketComments_search_update" AFTER UPDATE OF "Body" ON "TicketComments" BEGIN
    INSERT INTO "CommentSearch"("CommentSearch", rowid, "Body") VALUES ('delete', old."Id", old."Body");
    INSERT INTO "CommentSearch"(rowid, "Body") VALUES (new."Id", new."Body");
END;

CREATE TRIGGER "TicketComments_search_delete" AFTER DELETE ON "TicketComments" BEGIN
    INSERT INTO "CommentSearch"("CommentSearch", rowid, "Body") VALUES ('delete', old."Id", old."Body");
END;

INSERT INTO "CommentSearch"("CommentSearch") VALUES ('rebuild');

CREATE VIRTUAL TABLE "MailSearch" USING fts5("Subject", "Text", content = 'InboundMessages', content_rowid = 'Id', tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TRIGGER "InboundMessages_search_insert" AFTER INSERT ON "InboundMessages" BEGIN
    INSERT INTO "MailSearch"(rowid, "Subject", "Text") VALUES (new."Id", new."Subject", new."Text");
END;

CREATE TRIGGER "InboundMessages_search_update" AFTER UPDATE OF "Subject", "Text" ON "InboundMessages" BEGIN
    INSERT INTO "MailSearch"("MailSearch", rowid, "Subject", "Text") VALUES ('delete', old."Id", old."Subject", old."Text");
    INSERT INTO "MailSearch"(rowid, "Subject", "Text") VALUES (new."Id", new."Subject", new."Text");
END;

CREATE TRIGGER "InboundMessages_search_delete" AFTER DELETE ON "InboundMessages" BEGIN
    INSERT INTO "MailSearch"("MailSearch", rowid, "Subject", "Text") VALUES ('delete', old."Id", old."Subject", old."Text");
END;

INSERT INTO "MailSearch"("MailSearch") VALUES ('rebuild');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203060110_TicketFullTextSearch', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Tickets" ADD "IsMajorIncident" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Tickets" ADD "MajorIncidentId" INTEGER NULL;

ALTER TABLE "Tickets" ADD "MergedIntoId" INTEGER NULL;

ALTER TABLE "Tickets" ADD "OutageServiceIds" TEXT NOT NULL DEFAULT '[]';

ALTER TABLE "Partnership" ADD "MajorIncidentCalendarId" INTEGER NULL;

CREATE TABLE "TicketLinks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TicketLinks" PRIMARY KEY AUTOINCREMENT,
    "TicketId" INTEGER NOT NULL,
    "LinkedTicketId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "CreatedById" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_TicketLinks_Tickets_LinkedTicketId" FOREIGN KEY ("LinkedTicketId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TicketLinks_Tickets_TicketId" FOREIGN KEY ("TicketId") REFERENCES "Tickets" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Tickets_MajorIncidentId" ON "Tickets" ("MajorIncidentId");

CREATE INDEX "IX_Tickets_MergedIntoId" ON "Tickets" ("MergedIntoId");

CREATE INDEX "IX_Partnership_MajorIncidentCalendarId" ON "Partnership" ("MajorIncidentCalendarId");

CREATE INDEX "IX_TicketLinks_LinkedTicketId" ON "TicketLinks" ("LinkedTicketId");

CREATE INDEX "IX_TicketLinks_TicketId" ON "TicketLinks" ("TicketId");

CREATE TABLE "ef_temp_Partnership" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Partnership" PRIMARY KEY AUTOINCREMENT,
    "IsDemo" INTEGER NOT NULL,
    "MajorIncidentCalendarId" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "SetUpAt" TEXT NULL,
    "SetupTokenHash" TEXT NULL,
    "SharedIctDomain" TEXT NULL,
    CONSTRAINT "FK_Partnership_Calendars_MajorIncidentCalendarId" FOREIGN KEY ("MajorIncidentCalendarId") REFERENCES "Calendars" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Partnership" ("Id", "IsDemo", "MajorIncidentCalendarId", "Name", "SetUpAt", "SetupTokenHash", "SharedIctDomain")
SELECT "Id", "IsDemo", "MajorIncidentCalendarId", "Name", "SetUpAt", "SetupTokenHash", "SharedIctDomain"
FROM "Partnership";

CREATE TABLE "ef_temp_Tickets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Tickets" PRIMARY KEY AUTOINCREMENT,
    "AcceptedAt" TEXT NULL,
    "AnonymisedAt" TEXT NULL,
    "AssigneeId" INTEGER NULL,
    "AwaitedCustomer" INTEGER NOT NULL,
    "CategoryId" INTEGER NULL,
    "Channel" TEXT NOT NULL,
    "ClocksStartAt" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "CouncilId" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "FirstContactMarked" INTEGER NOT NULL,
    "FirstRespondedAt" TEXT NULL,
    "FollowsUpId" INTEGER NULL,
    "GroupAssignedAt" TEXT NULL,
    "GroupWorkedAt" TEXT NULL,
    "Impact" TEXT NOT NULL,
    "IsMajorIncident" INTEGER NOT NULL,
    "MajorIncidentId" INTEGER NULL,
    "MergedIntoId" INTEGER NULL,
    "NextClockEventAt" TEXT NULL,
    "OutageEndedAt" TEXT NULL,
    "OutageServiceIds" TEXT NOT NULL,
    "OutageStartedAt" TEXT NULL,
    "OwnerId" INTEGER NULL,
    "Priority" INTEGER NOT NULL,
    "Quantity" INTEGER NOT NULL DEFAULT 1,
    "RatedAt" TEXT NULL,
    "Reassigned" INTEGER NOT NULL,
    "ReopenCount" INTEGER NOT NULL,
    "ReopenUntil" TEXT NULL,
    "RequesterId" INTEGER NOT NULL,
    "Resolution" TEXT NULL,
    "ResolvedAt" TEXT NULL,
    "ResolvedOnFirstContact" INTEGER NOT NULL,
    "ResolverGroupId" INTEGER NULL,
    "SatisfactionComment" TEXT NULL,
    "SatisfactionRating" INTEGER NULL,
    "ServiceId" INTEGER NOT NULL,
    "SlaDueAt" TEXT NULL,
    "SlaState" TEXT NOT NULL,
    "StaffReplies" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Urgency" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Tickets_CatalogueServices_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "CatalogueServices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_Categories_CategoryId" FOREIGN KEY ("CategoryId") REFERENCES "Categories" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_Councils_CouncilId" FOREIGN KEY ("CouncilId") REFERENCES "Councils" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_People_AssigneeId" FOREIGN KEY ("AssigneeId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_People_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_People_RequesterId" FOREIGN KEY ("RequesterId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_ResolverGroups_ResolverGroupId" FOREIGN KEY ("ResolverGroupId") REFERENCES "ResolverGroups" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_Tickets_FollowsUpId" FOREIGN KEY ("FollowsUpId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_Tickets_MajorIncidentId" FOREIGN KEY ("MajorIncidentId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Tickets_Tickets_MergedIntoId" FOREIGN KEY ("MergedIntoId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Tickets" ("Id", "AcceptedAt", "AnonymisedAt", "AssigneeId", "AwaitedCustomer", "CategoryId", "Channel", "ClocksStartAt", "ClosedAt", "CouncilId", "CreatedAt", "Description", "FirstContactMarked", "FirstRespondedAt", "FollowsUpId", "GroupAssignedAt", "GroupWorkedAt", "Impact", "IsMajorIncident", "MajorIncidentId", "MergedIntoId", "NextClockEventAt", "OutageEndedAt", "OutageServiceIds", "OutageStartedAt", "OwnerId", "Priority", "Quantity", "RatedAt", "Reassigned", "ReopenCount", "ReopenUntil", "RequesterId", "Resolution", "ResolvedAt", "ResolvedOnFirstContact", "ResolverGroupId", "SatisfactionComment", "SatisfactionRating", "ServiceId", "SlaDueAt", "SlaState", "StaffReplies", "Status", "Title", "Type", "UpdatedAt", "Urgency", "Version")
SELECT "Id", "AcceptedAt", "AnonymisedAt", "AssigneeId", "AwaitedCustomer", "CategoryId", "Channel", "ClocksStartAt", "ClosedAt", "CouncilId", "CreatedAt", "Description", "FirstContactMarked", "FirstRespondedAt", "FollowsUpId", "GroupAssignedAt", "GroupWorkedAt", "Impact", "IsMajorIncident", "MajorIncidentId", "MergedIntoId", "NextClockEventAt", "OutageEndedAt", "OutageServiceIds", "OutageStartedAt", "OwnerId", "Priority", "Quantity", "RatedAt", "Reassigned", "ReopenCount", "ReopenUntil", "RequesterId", "Resolution", "ResolvedAt", "ResolvedOnFirstContact", "ResolverGroupId", "SatisfactionComment", "SatisfactionRating", "ServiceId", "SlaDueAt", "SlaState", "StaffReplies", "Status", "Title", "Type", "UpdatedAt", "Urgency", "Version"
FROM "Tickets";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "Partnership";

ALTER TABLE "ef_temp_Partnership" RENAME TO "Partnership";

DROP TABLE "Tickets";

ALTER TABLE "ef_temp_Tickets" RENAME TO "Tickets";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_Partnership_MajorIncidentCalendarId" ON "Partnership" ("MajorIncidentCalendarId");

CREATE INDEX "IX_Tickets_AssigneeId_Status" ON "Tickets" ("AssigneeId", "Status");

CREATE INDEX "IX_Tickets_CategoryId" ON "Tickets" ("CategoryId");

CREATE INDEX "IX_Tickets_CouncilId_Status" ON "Tickets" ("CouncilId", "Status");

CREATE INDEX "IX_Tickets_CreatedAt" ON "Tickets" ("CreatedAt");

CREATE INDEX "IX_Tickets_FollowsUpId" ON "Tickets" ("FollowsUpId");

CREATE INDEX "IX_Tickets_MajorIncidentId" ON "Tickets" ("MajorIncidentId");

CREATE INDEX "IX_Tickets_MergedIntoId" ON "Tickets" ("MergedIntoId");

CREATE INDEX "IX_Tickets_NextClockEventAt" ON "Tickets" ("NextClockEventAt");

CREATE INDEX "IX_Tickets_OwnerId_Status" ON "Tickets" ("OwnerId", "Status");

CREATE INDEX "IX_Tickets_RequesterId_CreatedAt" ON "Tickets" ("RequesterId", "CreatedAt");

CREATE INDEX "IX_Tickets_ResolverGroupId_Status" ON "Tickets" ("ResolverGroupId", "Status");

CREATE INDEX "IX_Tickets_ServiceId" ON "Tickets" ("ServiceId");

CREATE INDEX "IX_Tickets_SlaDueAt" ON "Tickets" ("SlaDueAt");

CREATE INDEX "IX_Tickets_SlaState_Status" ON "Tickets" ("SlaState", "Status");

CREATE INDEX "IX_Tickets_Status_CreatedAt" ON "Tickets" ("Status", "CreatedAt");

CREATE INDEX "IX_Tickets_Status_ReopenUntil" ON "Tickets" ("Status", "ReopenUntil");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203062348_TicketLinksAndMajorIncidents', '10.0.15');

BEGIN TRANSACTION;
DROP INDEX "IX_Tickets_AssigneeId_Status";

DROP INDEX "IX_Tickets_CouncilId_Status";

DROP INDEX "IX_Tickets_OwnerId_Status";

DROP INDEX "IX_Tickets_ResolverGroupId_Status";

DROP INDEX "IX_Tickets_SlaDueAt";

DROP INDEX "IX_Tickets_SlaState_Status";

DROP INDEX "IX_Tickets_Status_CreatedAt";

ALTER TABLE "Tickets" ADD "IsOpen" INTEGER NOT NULL DEFAULT 0;

UPDATE "Tickets" SET "IsOpen" = "Status" NOT IN ('Resolved', 'Closed');

CREATE INDEX "IX_Tickets_AssigneeId_IsOpen_SlaDueAt_Priority_Id" ON "Tickets" ("AssigneeId", "IsOpen", "SlaDueAt", "Priority", "Id");

CREATE INDEX "IX_Tickets_AwaitingApproval" ON "Tickets" ("ClocksStartAt", "IsOpen", "SlaDueAt", "Priority", "Id") WHERE "ClocksStartAt" IS NULL;

CREATE INDEX "IX_Tickets_CouncilId_IsOpen_SlaDueAt_Priority_Id" ON "Tickets" ("CouncilId", "IsOpen", "SlaDueAt", "Priority", "Id");

CREATE INDEX "IX_Tickets_IsOpen_CreatedAt_Id" ON "Tickets" ("IsOpen", "CreatedAt", "Id");

CREATE INDEX "IX_Tickets_IsOpen_Priority_CreatedAt_Id" ON "Tickets" ("IsOpen", "Priority", "CreatedAt", "Id");

CREATE INDEX "IX_Tickets_IsOpen_SlaDueAt_Priority_Id" ON "Tickets" ("IsOpen", "SlaDueAt", "Priority", "Id");

CREATE INDEX "IX_Tickets_IsOpen_SlaState_SlaDueAt_Priority_Id" ON "Tickets" ("IsOpen", "SlaState", "SlaDueAt", "Priority", "Id");

CREATE INDEX "IX_Tickets_IsOpen_UpdatedAt_Id" ON "Tickets" ("IsOpen", "UpdatedAt", "Id");

CREATE INDEX "IX_Tickets_RequesterId_IsOpen_UpdatedAt_Id" ON "Tickets" ("RequesterId", "IsOpen", "UpdatedAt", "Id");

CREATE INDEX "IX_Tickets_OwnerId_IsOpen_SlaDueAt_Priority_Id" ON "Tickets" ("OwnerId", "IsOpen", "SlaDueAt", "Priority", "Id");

CREATE INDEX "IX_Tickets_ResolverGroupId_IsOpen_SlaDueAt_Priority_Id" ON "Tickets" ("ResolverGroupId", "IsOpen", "SlaDueAt", "Priority", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203062519_QueueKeysetIndexes', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TRIGGER IF NOT EXISTS "Tickets_search_insert" AFTER INSERT ON "Tickets" BEGIN
    INSERT INTO "TicketSearch"(rowid, "Title", "Description", "Resolution") VALUES (new."Id", new."Title", new."Description", new."Resolution");
END;

CREATE TRIGGER IF NOT EXISTS "Tickets_search_update" AFTER UPDATE OF "Title", "Description", "Resolution" ON "Tickets" BEGIN
    INSERT INTO "TicketSearch"("TicketSearch", rowid, "Title", "Description", "Resolution") VALUES ('delete', old."Id", old."Title", old."Description", old."Resolution");
    INSERT INTO "TicketSearch"(rowid, "Title", "Description", "Resolution") VALUES (new."Id", new."Title", new."Description", new."Resolution");
END;

CREATE TRIGGER IF NOT EXISTS "Tickets_search_delete" AFTER DELETE ON "Tickets" BEGIN
    INSERT INTO "TicketSearch"("TicketSearch", rowid, "Title", "Description", "Resolution") VALUES ('delete', old."Id", old."Title", old."Description", old."Resolution");
END;

INSERT INTO "TicketSearch"("TicketSearch") VALUES ('rebuild');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203075343_TicketSearchTriggersAfterRebuild', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
INSERT INTO "TicketSearch"("TicketSearch", rank) VALUES ('secure-delete', 1);

INSERT INTO "TicketSearch"("TicketSearch") VALUES ('optimize');

INSERT INTO "CommentSearch"("CommentSearch", rank) VALUES ('secure-delete', 1);

INSERT INTO "CommentSearch"("CommentSearch") VALUES ('optimize');

INSERT INTO "MailSearch"("MailSearch", rank) VALUES ('secure-delete', 1);

INSERT INTO "MailSearch"("MailSearch") VALUES ('optimize');

INSERT INTO "ArticleSearch"("ArticleSearch", rank) VALUES ('secure-delete', 1);

INSERT INTO "ArticleSearch"("ArticleSearch") VALUES ('optimize');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203090302_FullTextSecureDelete', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_Tickets_IsOpen_Status_SlaDueAt_Priority_Id" ON "Tickets" ("IsOpen", "Status", "SlaDueAt", "Priority", "Id");

CREATE INDEX "IX_Tickets_Unowned" ON "Tickets" ("IsOpen", "SlaDueAt", "Priority", "Id", "ClocksStartAt") WHERE "OwnerId" IS NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203122128_QueueIndexesByStatusAndUnowned', '10.0.15');

COMMIT;

