-- AlterTable
ALTER TABLE "User" ADD COLUMN     "announcementsOptOut" BOOLEAN NOT NULL DEFAULT false;
