-- CreateTable
CREATE TABLE "VolunteerProfile" (
    "personId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "languages" TEXT NOT NULL,
    "skills" TEXT NOT NULL,
    "availability" TEXT NOT NULL,
    "township" TEXT NOT NULL,
    "maxActiveTasks" INTEGER NOT NULL DEFAULT 2,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reviewedById" INTEGER,
    "reviewedAt" DATETIME,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VolunteerProfile_personId_fkey" FOREIGN KEY ("personId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VolunteerTask" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "type" TEXT NOT NULL,
    "township" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "dueDate" DATETIME,
    "effortHours" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL,
    "householdId" INTEGER,
    "applicationId" INTEGER,
    "createdById" INTEGER,
    "claimantId" INTEGER,
    "claimedAt" DATETIME,
    "claimSeq" INTEGER NOT NULL DEFAULT 0,
    "lastActivityAt" DATETIME,
    "nudgedAt" DATETIME,
    "completedById" INTEGER,
    "completedAt" DATETIME,
    "minutesSpent" INTEGER,
    "report" TEXT,
    "feedback" TEXT,
    "feedbackAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VolunteerTask_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "VolunteerTask_claimantId_fkey" FOREIGN KEY ("claimantId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskContact" (
    "taskId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "consentedAt" DATETIME NOT NULL,
    CONSTRAINT "TaskContact_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "VolunteerTask" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Pairing" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "volunteerId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,
    "coordinatorId" INTEGER,
    "frequency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "lastContactAt" DATETIME NOT NULL,
    "checkIns" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Pairing_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Pairing_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PairingCheckIn" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pairingId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PairingCheckIn_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "VolunteerProfile_status_idx" ON "VolunteerProfile"("status");

-- CreateIndex
CREATE INDEX "VolunteerTask_status_township_idx" ON "VolunteerTask"("status", "township");

-- CreateIndex
CREATE INDEX "VolunteerTask_claimantId_status_idx" ON "VolunteerTask"("claimantId", "status");

-- CreateIndex
CREATE INDEX "VolunteerTask_householdId_idx" ON "VolunteerTask"("householdId");

-- CreateIndex
CREATE INDEX "VolunteerTask_completedById_idx" ON "VolunteerTask"("completedById");

-- CreateIndex
CREATE INDEX "Pairing_volunteerId_status_idx" ON "Pairing"("volunteerId", "status");

-- CreateIndex
CREATE INDEX "Pairing_householdId_idx" ON "Pairing"("householdId");

-- CreateIndex
CREATE INDEX "PairingCheckIn_pairingId_idx" ON "PairingCheckIn"("pairingId");
