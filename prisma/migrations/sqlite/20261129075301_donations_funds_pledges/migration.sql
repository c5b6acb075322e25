-- CreateTable
CREATE TABLE "Fund" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "names" TEXT NOT NULL,
    "descriptions" TEXT NOT NULL DEFAULT '{}',
    "targetMinor" INTEGER NOT NULL,
    "totalMinor" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "outcomeProgramme" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Pledge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "fundId" INTEGER NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "dedication" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "nextSequence" INTEGER NOT NULL DEFAULT 0,
    "nextDueDate" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Pledge_personId_fkey" FOREIGN KEY ("personId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Pledge_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PledgeInstalment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pledgeId" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "paymentReference" TEXT,
    "reportedAt" DATETIME,
    "confirmedAt" DATETIME,
    "confirmedById" INTEGER,
    "receiptNumber" TEXT,
    "overdueAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PledgeInstalment_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OfflineDonation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fundId" INTEGER NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "reference" TEXT,
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OfflineDonation_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Fund_code_key" ON "Fund"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Pledge_reference_key" ON "Pledge"("reference");

-- CreateIndex
CREATE INDEX "Pledge_personId_idx" ON "Pledge"("personId");

-- CreateIndex
CREATE INDEX "Pledge_status_nextDueDate_idx" ON "Pledge"("status", "nextDueDate");

-- CreateIndex
CREATE UNIQUE INDEX "PledgeInstalment_receiptNumber_key" ON "PledgeInstalment"("receiptNumber");

-- CreateIndex
CREATE INDEX "PledgeInstalment_status_dueDate_idx" ON "PledgeInstalment"("status", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "PledgeInstalment_pledgeId_sequence_key" ON "PledgeInstalment"("pledgeId", "sequence");

-- CreateIndex
CREATE INDEX "OfflineDonation_fundId_idx" ON "OfflineDonation"("fundId");
