-- CreateTable
CREATE TABLE "Reminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME,
    "claimedBy" TEXT,
    "sentAt" DATETIME,
    "lastError" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "recurrence" TEXT,
    "seriesKey" TEXT,
    "seriesStart" DATETIME,
    "occurrence" INTEGER NOT NULL DEFAULT 0,
    "escalateToId" INTEGER,
    "escalationDueAt" DATETIME,
    "escalatedAt" DATETIME,
    "response" TEXT,
    "respondedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Reminder_personId_fkey" FOREIGN KEY ("personId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboundThrottle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "nextSlotMs" BIGINT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_dedupeKey_key" ON "Reminder"("dedupeKey");

-- CreateIndex
CREATE INDEX "Reminder_status_dueAt_idx" ON "Reminder"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Reminder_personId_status_idx" ON "Reminder"("personId", "status");

-- CreateIndex
CREATE INDEX "Reminder_escalationDueAt_idx" ON "Reminder"("escalationDueAt");
