-- CreateTable
CREATE TABLE "VolunteerProfile" (
    "personId" INTEGER NOT NULL,
    "languages" TEXT NOT NULL,
    "skills" TEXT NOT NULL,
    "availability" TEXT NOT NULL,
    "township" TEXT NOT NULL,
    "maxActiveTasks" INTEGER NOT NULL DEFAULT 2,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VolunteerProfile_pkey" PRIMARY KEY ("personId")
);

-- CreateTable
CREATE TABLE "VolunteerTask" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "township" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3),
    "effortHours" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL,
    "householdId" INTEGER,
    "applicationId" INTEGER,
    "createdById" INTEGER,
    "claimantId" INTEGER,
    "claimedAt" TIMESTAMP(3),
    "claimSeq" INTEGER NOT NULL DEFAULT 0,
    "lastActivityAt" TIMESTAMP(3),
    "nudgedAt" TIMESTAMP(3),
    "completedById" INTEGER,
    "completedAt" TIMESTAMP(3),
    "minutesSpent" INTEGER,
    "report" TEXT,
    "feedback" TEXT,
    "feedbackAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VolunteerTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskContact" (
    "taskId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "consentedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaskContact_pkey" PRIMARY KEY ("taskId")
);

-- CreateTable
CREATE TABLE "Pairing" (
    "id" SERIAL NOT NULL,
    "volunteerId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,
    "coordinatorId" INTEGER,
    "frequency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "lastContactAt" TIMESTAMP(3) NOT NULL,
    "checkIns" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pairing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PairingCheckIn" (
    "id" SERIAL NOT NULL,
    "pairingId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PairingCheckIn_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "VolunteerProfile" ADD CONSTRAINT "VolunteerProfile_personId_fkey" FOREIGN KEY ("personId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerTask" ADD CONSTRAINT "VolunteerTask_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerTask" ADD CONSTRAINT "VolunteerTask_claimantId_fkey" FOREIGN KEY ("claimantId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskContact" ADD CONSTRAINT "TaskContact_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "VolunteerTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PairingCheckIn" ADD CONSTRAINT "PairingCheckIn_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;
