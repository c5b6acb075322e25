-- AlterTable
ALTER TABLE "User" ADD COLUMN "staffTownships" TEXT;

-- CreateTable
CREATE TABLE "CaseNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "applicationId" INTEGER NOT NULL,
    "authorId" INTEGER,
    "text" TEXT NOT NULL,
    "verifiedIncomeMinor" INTEGER,
    "verifiedMedicalMinor" INTEGER,
    "recalculated" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseNote_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffInvite" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "codeHash" TEXT NOT NULL,
    "staffRole" TEXT NOT NULL,
    "townships" TEXT,
    "createdById" INTEGER,
    "expiresAt" DATETIME NOT NULL,
    "usedById" INTEGER,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LivingStandard" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "area" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "effectiveFrom" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Application" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "household" TEXT NOT NULL,
    "screening" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "township" TEXT,
    "submittedAt" DATETIME,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "assignedToId" INTEGER,
    "decidedById" INTEGER,
    "decisionReason" TEXT,
    "decisionNote" TEXT,
    "approvedMonthlyMinor" INTEGER,
    "requestedDocuments" TEXT,
    "startDate" TEXT,
    "reviewIntervalMonths" INTEGER,
    "nextReviewDate" TEXT,
    "reviewHousehold" TEXT,
    "reviewScreening" TEXT,
    "reviewUpdatedAt" DATETIME,
    "reviewCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Application_personId_fkey" FOREIGN KEY ("personId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Application" ("approvedMonthlyMinor", "area", "assignedToId", "createdAt", "decidedAt", "decidedById", "decisionNote", "decisionReason", "household", "id", "personId", "reference", "requestedDocuments", "screening", "status", "submittedAt", "township", "updatedAt") SELECT "approvedMonthlyMinor", "area", "assignedToId", "createdAt", "decidedAt", "decidedById", "decisionNote", "decisionReason", "household", "id", "personId", "reference", "requestedDocuments", "screening", "status", "submittedAt", "township", "updatedAt" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE UNIQUE INDEX "Application_reference_key" ON "Application"("reference");
CREATE INDEX "Application_status_idx" ON "Application"("status");
CREATE INDEX "Application_personId_idx" ON "Application"("personId");
CREATE INDEX "Application_status_submittedAt_idx" ON "Application"("status", "submittedAt");
CREATE INDEX "Application_status_nextReviewDate_idx" ON "Application"("status", "nextReviewDate");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CaseNote_applicationId_idx" ON "CaseNote"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffInvite_codeHash_key" ON "StaffInvite"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "LivingStandard_area_effectiveFrom_key" ON "LivingStandard"("area", "effectiveFrom");
