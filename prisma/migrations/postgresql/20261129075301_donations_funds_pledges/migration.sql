-- CreateTable
CREATE TABLE "Fund" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "names" TEXT NOT NULL,
    "descriptions" TEXT NOT NULL DEFAULT '{}',
    "targetMinor" INTEGER NOT NULL,
    "totalMinor" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "outcomeProgramme" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Fund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pledge" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pledge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PledgeInstalment" (
    "id" SERIAL NOT NULL,
    "pledgeId" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "paymentReference" TEXT,
    "reportedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" INTEGER,
    "receiptNumber" TEXT,
    "overdueAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PledgeInstalment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfflineDonation" (
    "id" SERIAL NOT NULL,
    "fundId" INTEGER NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "reference" TEXT,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfflineDonation_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_personId_fkey" FOREIGN KEY ("personId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeInstalment" ADD CONSTRAINT "PledgeInstalment_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfflineDonation" ADD CONSTRAINT "OfflineDonation_fundId_fkey" FOREIGN KEY ("fundId") REFERENCES "Fund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
