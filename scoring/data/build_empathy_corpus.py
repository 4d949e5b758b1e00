# ruff: noqa: E501 - one hand-written reply per line reads better than wrapped strings
"""Rebuild empathy_corpus.csv from the hand-written lines below (run once by a maintainer, never at run time).

Why a builder: every reply was written by hand for this project, and each is also kept in the
spoken (ASR: lowercase, no punctuation, fillers) and chat styles real transcripts come in. Variants
of one written line share a ``group`` so the held-out split never sees a sibling of a training line.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

# 2 = empathetic: acknowledges the feeling or the impact, apologises where fitting, reassures, owns the fix.
EMPATHETIC = [
    "I'm so sorry you've been charged twice, that's really frustrating. Let me get that fixed for you right now.",
    "I completely understand why you're upset, and I'd feel the same way. I'm going to sort this out for you.",
    "Oh no, I'm sorry to hear that. That must have been a stressful morning without internet.",
    "I can hear how frustrating this has been, and I'm sorry we let you down. I'll take care of it personally.",
    "Thank you for your patience while I looked into this. I know waiting isn't fun, especially after everything.",
    "You're absolutely right to call us about this, and I apologise for the inconvenience it's caused you.",
    "I'm really sorry for your loss. Please take your time, there's no rush at all, and I'll handle the account changes.",
    "That sounds incredibly stressful, especially with a new baby at home. Let's get your power back on as quickly as we can.",
    "I understand how worrying it is to see a charge you don't recognise. You're in the right place and I'll go through it with you.",
    "I apologise, that should never have happened. I'm going to make sure the duplicate payment is refunded.",
    "I'm sorry you had to call back about this again. That's not the experience we want you to have, and I'll own it from here.",
    "I hear you, and it makes total sense that you're annoyed. Let me see what I can do to make this right.",
    "I'm so sorry your order arrived damaged, especially since it was a birthday gift. I'll get a replacement out today.",
    "That's not okay, and I'm sorry. You shouldn't have had to chase us for this.",
    "I really appreciate you bearing with me. I know this has taken longer than you'd hoped.",
    "I can only imagine how inconvenient it was to miss work waiting for a technician who never showed. I'm truly sorry.",
    "Please don't worry, we'll get this sorted together. I'm not going anywhere until it's fixed.",
    "I understand this is really important to you, and I want to get it right for you.",
    "I'm sorry, I know it's frustrating to repeat everything. Thank you for explaining it again so clearly.",
    "That must have been such a shock when you saw the bill. Let's go through it line by line so it makes sense.",
    "I'm sorry you've been on hold so long today. Thanks for sticking with it, I'm here now and I'll help.",
    "You've done everything right here, and I'm sorry the system let you down. I'll correct it on my end.",
    "I totally get it, nobody wants to deal with this on a Friday night. Let's see how fast we can fix it.",
    "I'm sorry about the mix-up with your prescription. I know how important it is that you get it on time.",
    "I understand your frustration completely. If I were in your shoes I'd want answers too, so let me find them.",
    "Oh, I'm so sorry, that sounds awful. Are you okay? Let's get the claim started for you right away.",
    "I really am sorry for the trouble. I'll stay on the line with you until the payment goes through.",
    "Thank you for letting us know, and I'm sorry it came to this. Your feedback genuinely helps us improve.",
    "I know how much you rely on your phone for work, so I'm making this my priority.",
    "It's completely understandable to feel let down. We made a mistake and I'm going to put it right.",
    "I'm sorry for the confusion on our end. That's on us, not you.",
    "I can see why that would be upsetting. Let me explain what happened and what I'll do about it.",
    "I'm sorry your flight was cancelled, I know you've got a family event to get to. Let me find you the next seat.",
    "I appreciate how calm you've been about all this, honestly. Let's get you a refund.",
    "I'm really sorry to hear your dad's been unwell. I'll make the change quickly so you can get back to him.",
    "That's a fair point and I'm sorry we didn't explain the fee clearly when you signed up.",
    "I can tell this has been a long day for you. I'll keep it quick and get this sorted.",
    "No need to apologise at all, you're not bothering me. This is exactly what I'm here for.",
    "I'd be frustrated too if my package went missing twice. I'm going to personally track this one.",
    "I'm sorry, that's not the answer you wanted to hear. Here's what I can do for you instead.",
    "Absolutely, I understand. Losing access to your account is scary, so let's get you back in safely.",
    "I apologise for the wait and for the way your last call was handled. That's not our standard.",
    "Thanks so much for your patience, I really do appreciate it. I've got good news for you.",
    "I'm sorry for all the back and forth. I'll send you one email with everything in it so you don't have to call again.",
    "I understand, and I want you to know I'm taking this seriously. I've flagged it to our team right away.",
    "Oh gosh, I'm sorry. Let's get that sorted, you shouldn't have to worry about it.",
    "I hear how upset you are, and you have every right to be. Let me see what went wrong.",
    "I'm so sorry for the delay with your refund. I've checked and I'll push it through today.",
    "It sounds like you've been through a lot with this. I'm glad you called, and I'll help you get it resolved.",
    "That's really disappointing, I'm sorry. I'll make sure the technician calls you before they come.",
    "I totally understand your concern about the price going up. Let's look at options that keep it affordable for you.",
    "I'm sorry you felt rushed on your last call. Take all the time you need, I'm happy to walk through it.",
    "I understand it's been a really frustrating week, and I'm sorry our service added to that.",
    "You're right, and I apologise. We should have told you about the outage.",
    "I appreciate you explaining that, it really helps. I'm sorry you've had to deal with it for so long.",
    "Don't worry, this happens more than you'd think, and it's easy to fix. I'll guide you through it.",
    "I'm sorry about the noise issue, that must be keeping you up at night. Let's get an engineer booked.",
    "I'm here to help, and I'm sorry it's taken this long to reach someone who can.",
    "I can imagine how confusing that letter was. I'm sorry, let me explain it in plain terms.",
    "That's completely fair. I'm sorry we got it wrong, and I'll credit the account for the days you were without service.",
    "I'm truly sorry. I can see you've called three times about this, and that should never have happened.",
    "I get how annoying that is, I'm sorry. Let me reset it from my side so you don't have to.",
    "I'm sorry to hear the card was declined at the store, that's embarrassing and stressful. Let's find out why.",
    "I understand you're worried about the fraud. You've done the right thing calling, and your money is protected.",
    "Thanks for hanging in there with me. I know it's been a frustrating process, and we're almost done.",
    "I'm really sorry about your experience with our driver. That's not acceptable and I'll report it.",
    "I completely understand wanting to cancel after this. Before you go, I'm sorry, and I'd like to fix it if you'll let me.",
    "I'm sorry you've been without hot water. With the cold weather that must be really hard. I'll mark it urgent.",
    "Please accept my apologies. You were given the wrong information and I'll make sure it's corrected.",
    "I know this isn't how you wanted to spend your evening, and I appreciate you taking the time.",
    "I'm sorry for your trouble, I'll do my best to make this easy for you.",
    "That's understandable, a lot of people find that confusing. Let me walk you through it step by step.",
    "I'm so sorry, I can hear you're upset and I want to help. Let's start with getting the account unlocked.",
    "I'm sorry the repair didn't hold. I'll book a priority visit at no charge since we didn't fix it the first time.",
    "Sorry to hear that, that's really not good enough from us. I'll raise a complaint on your behalf.",
    "I understand, and you're right to expect better. I'll sort the refund and follow up with you myself.",
    "I appreciate your honesty. It's hard to talk about money troubles, and we'll find a plan that works for you.",
    "I'm sorry you're dealing with this while you're away. I'll make sure your card works abroad from now on.",
    "Oh I'm sorry, that's such a pain. Let me grab your details and get it moving.",
    "I'm really glad you called before paying it. I'm sorry for the error, I'll remove that charge.",
    "I understand how important your data is. I'm going to do everything I can to recover those photos.",
    "I can see this has caused a lot of stress. I'm sorry. Here's exactly what happens next so there are no surprises.",
    "You've been a loyal customer for ten years and I'm sorry we've made you feel otherwise. Let me fix this.",
    "I hear you. Being passed around from department to department is exhausting. I'll keep this with me.",
    "I'm sorry, I didn't explain that well. Let me try again.",
    "That's a really reasonable request and I'm sorry it wasn't handled sooner.",
    "I'm sorry to keep you waiting. Thank you so much for holding, I've found the problem.",
    "No worries at all, I understand. We'll figure it out together.",
    "I'm very sorry. I can see the payment was taken twice and I'm reversing the second one now.",
    "It's completely normal to feel anxious about this, and I'm going to stay with you until it's done.",
    "I'm sorry that your bag didn't make it. I know it's stressful being somewhere without your things. Let me trace it.",
    "I appreciate your understanding, and again I'm sorry for the trouble today.",
    "Ugh, I'm sorry, that's the worst. Let me check what's going on with your order.",
    "I'm sorry for making you wait on that, I wanted to double-check so I give you the right answer.",
    "I totally hear you and I'd want the same thing. I'm going to escalate this so it gets done today.",
    "That is frustrating and I'm really sorry. You shouldn't have to call us to get what you paid for.",
    "I understand you're disappointed. I'm sorry, and I'll credit your account for the trouble.",
    "Thank you for being so patient with us, I know it's been a rough few days without service.",
    "I'm sorry you were overcharged. I've already started the refund and I'll email you the confirmation.",
    "It's okay, take a breath, we'll get through this together. Can you tell me what you see on the screen?",
    "I'm sorry, that sounds like a really difficult situation. What can I do to make it easier?",
    "I apologise for what happened on the phone yesterday, that's not how we should treat anyone.",
]

# 1 = neutral / transactional: polite enough, task-focused, no acknowledgement of feeling or impact.
NEUTRAL = [
    "Can I have your account number, please?",
    "Okay, let me pull that up.",
    "The refund will take three to five business days.",
    "Your balance is $84.20 and the next payment is due on the 15th.",
    "I've updated your address on the account.",
    "Please restart the router by unplugging it for thirty seconds.",
    "Can you confirm the postcode on the account?",
    "The order shipped yesterday and should arrive on Thursday.",
    "I'm going to place you on a brief hold while I check that.",
    "Your plan includes unlimited calls and 20 gigabytes of data.",
    "The technician can come on Tuesday between 8 and 12.",
    "I have processed the cancellation. You'll receive an email shortly.",
    "What is the email address on file?",
    "Okay. And when did you first notice the problem?",
    "I see two payments of $59.99 on the account.",
    "Is the light on the modem green or red?",
    "Your reference number is 44817.",
    "Hello, thank you for calling, how can I help you today?",
    "Good morning, you're speaking with Priya. What can I do for you?",
    "The fee is charged when a payment is more than ten days late.",
    "Could you spell your last name for me?",
    "Alright, I've sent a reset link to your email.",
    "Is there anything else I can help you with today?",
    "Thanks for calling, have a good day.",
    "The item is out of stock until next month.",
    "You can return it within 30 days with the receipt.",
    "Let me check that for you.",
    "I'll transfer you to the billing department.",
    "Please hold.",
    "The warranty covers parts but not labour.",
    "Which card would you like to use for the payment?",
    "Okay, I've noted that on the account.",
    "Your claim number is CL-2291. An adjuster will call within two days.",
    "The outage in your area is expected to be fixed by 6 pm.",
    "Can you read me the serial number on the back of the device?",
    "I've scheduled the callback for tomorrow at 10 am.",
    "Right, so the bill is higher because the promotional discount ended.",
    "The upgrade is $10 per month on a 12-month contract.",
    "Your password must be at least eight characters.",
    "Okay, so you want to change the delivery date. What date works?",
    "The payment went through. Your confirmation number is 5521.",
    "I can see the device is registered to your account.",
    "Do you have the order number?",
    "Try clearing the cache and logging in again.",
    "That option is under Settings, then Account.",
    "The next available appointment is on the 12th.",
    "I will need to verify your identity before I can make changes.",
    "Is this the best number to reach you on?",
    "Okay, got it.",
    "So the charge on the 3rd was for the annual subscription.",
    "The store closes at 9 tonight.",
    "You'll receive a text when the driver is on the way.",
    "The form needs to be signed and returned by post.",
    "Okay, and what is your date of birth?",
    "The credit has been applied and will show on your next bill.",
    "I'm going to open a ticket with the technical team.",
    "Could you tell me the make and model of the car?",
    "The policy renews on the 1st of June.",
    "That's correct, the account is in your name.",
    "Let me read that back to you: two large pizzas, one garlic bread.",
    "The booking is confirmed for two adults on the 14th.",
    "Sure, I can help with that.",
    "Your current plan is Home Fibre 300.",
    "Please have your card ready.",
    "Alright, the SIM has been activated.",
    "It's showing as delivered at 2:14 pm.",
    "The interest rate on the card is 22.9 percent.",
    "We accept Visa, Mastercard and PayPal.",
    "Your next bill will be $45.",
    "One moment while the system loads.",
    "Okay so what I'm going to do is resend the activation code.",
    "The minimum payment is $25.",
    "Yes, that's included in your package.",
    "Okay, thanks. Let me look at the account.",
    "The claim was closed on the 5th of May.",
    "You can track it on our website with the tracking number.",
    "I'll email you the summary of today's call.",
    "Can you hear me okay?",
    "Alright, the replacement card will arrive in five to seven days.",
    "It looks like the payment was returned by the bank.",
    "So to confirm, you want to downgrade to the basic plan starting next month.",
    "The engineer will need access to the property.",
    "I'm checking the system now.",
    "That's everything set up. Is there anything else?",
    "The fee for early termination is $120.",
    "Yes, you can pay in two instalments.",
    "Could you confirm the last four digits of the card?",
    "The appointment is booked. Reference 7782.",
    "Hi, this is Mark from Northwind Energy, calling about your recent meter reading.",
    "Your order number is 10045-B.",
    "Please note this call may be recorded for quality and training purposes.",
    "Okay, so the total comes to $134.50.",
    "I have changed the billing date to the 20th.",
    "The link expires after 24 hours.",
    "Let me transfer you to a specialist.",
    "Okay, one sec.",
    "What seems to be the problem with the device?",
    "The balance was paid in full on the 2nd.",
    "Sure. What's the name on the account?",
]

# 0 = cold / dismissive / rude / blaming.
COLD = [
    "That's not my problem.",
    "You should have read the terms before signing up.",
    "Calm down, shouting won't help.",
    "There's nothing I can do about it.",
    "Well, that's your fault for missing the payment.",
    "I already told you, the policy is the policy.",
    "Look, I don't make the rules.",
    "If you'd listened the first time we wouldn't be here.",
    "Whatever. Do you want the refund or not?",
    "You need to stop interrupting me.",
    "That's just how it is, take it or leave it.",
    "I can't help you. Call someone else.",
    "It's not our fault the package got lost, talk to the courier.",
    "Honestly, it's a simple thing, I don't know why you're confused.",
    "You clearly didn't follow the instructions.",
    "We don't do refunds, end of story.",
    "Sir, I've explained this three times already.",
    "Is there a reason you're yelling at me?",
    "You're wrong, the charge is correct.",
    "I don't have time for this.",
    "It says it right there on the website, you just have to read it.",
    "Not my department.",
    "Yeah, well, everyone says that.",
    "Are you even listening to me?",
    "Fine. Whatever you want.",
    "You'll just have to wait like everyone else.",
    "Ma'am, that's a you problem, not a company problem.",
    "Obviously the router won't work if you don't plug it in.",
    "I'm not going to argue with you about this.",
    "You should have called earlier.",
    "That's ridiculous, nobody else has this issue.",
    "Stop wasting my time.",
    "Like I said, nothing I can do.",
    "We're not responsible for what your bank does.",
    "You agreed to it, so you have to pay.",
    "If you can't afford it, don't buy it.",
    "Do you want me to help you or do you want to complain?",
    "I don't know, that's not something I deal with.",
    "It's your responsibility to check your statements.",
    "Just do what I told you.",
    "Why would you do that?",
    "Seriously? You didn't save the receipt?",
    "There's no point getting angry with me.",
    "Complaining isn't going to change anything.",
    "The system doesn't make mistakes, so it must be something you did.",
    "Hold on, I'm busy.",
    "No. Next question.",
    "You people always call at closing time.",
    "I can't understand you, speak properly.",
    "Read the email we sent, it's all in there.",
    "That's not how it works, obviously.",
    "Well, you should have thought of that before.",
    "Sorry, but that's your own problem.",
    "We've had enough complaints from you this month.",
    "It's not a big deal, it's only five dollars.",
    "Don't take that tone with me.",
    "I'm not paid enough to deal with this.",
    "You're overreacting.",
    "Go ahead and cancel then, see if I care.",
    "The delay is because you gave us the wrong address.",
    "Honestly, I don't see what the problem is.",
    "Nope, can't do that.",
    "You must have deleted it yourself.",
    "I'm going to have to ask you to stop crying, I can't hear you.",
    "That's what happens when you don't pay on time.",
    "Look, I get a hundred calls like this a day.",
    "You'll have to figure that out yourself.",
    "Did you even try turning it off and on?",
    "No one else complains about this, so it's probably you.",
    "I don't care what the last agent said.",
    "That's above my pay grade, not my issue.",
    "You're the one who chose the cheapest plan.",
    "Ugh, fine, give me the number.",
    "Let me stop you there, you're not making sense.",
    "We can't be blamed for the weather.",
    "Well if you're going to be rude I'm hanging up.",
    "It's in the contract you signed, so tough luck.",
    "Your bank made the mistake, go yell at them.",
    "There's a queue, you're not special.",
    "That's a stupid question.",
    "I'm not here to babysit your account.",
    "I just told you that.",
    "It is what it is.",
    "You obviously entered your password wrong.",
    "We don't owe you anything.",
    "Wait your turn.",
    "If you keep talking over me I can't help you.",
    "The fee stays. I'm not removing it.",
    "Nobody forced you to sign up.",
    "Look, I'm trying to get you off the phone here.",
    "What do you want me to do about it?",
    "Can you just get to the point?",
    "That's not what I said, listen.",
    "You've been told before.",
    "Meh, these things happen.",
    "Huh. Well, nothing we can do, it's already gone.",
    "You're not the only customer I have, you know.",
    "I really don't see why you're so upset about this.",
]

# Spoken-call phrasings kept as they come out of speech recognition (lowercase, no punctuation, fillers).
SPOKEN = [
    (2, "oh no im so sorry to hear that um let me see what i can do for you okay"),
    (2, "yeah no i totally understand that would drive me crazy too let me get that sorted"),
    (2, "im really sorry about that uh you shouldnt have been charged twice ill fix that now"),
    (2, "okay i hear you i hear you and im sorry youve had to deal with this"),
    (2, "thank you so much for holding i really appreciate your patience"),
    (2, "ah i'm sorry ma'am that's not what we want at all let me put that right"),
    (2, "no that's that's completely fair i'd be upset too honestly"),
    (2, "i'm sorry about the wait um i know it's been a long time"),
    (2, "gosh i'm sorry that's that's really not okay let me take care of it"),
    (2, "i understand um you know i can see why you'd be frustrated with that"),
    (2, "right i'm so sorry for the trouble we'll get it fixed today i promise you'll be looked after"),
    (2, "oh dear i'm sorry you're going through that is everyone okay"),
    (2, "yeah i apologize for that uh that's on us not you"),
    (2, "i'm sorry i know it's it's a lot to deal with let's go one step at a time"),
    (2, "don't worry about it at all we'll figure it out together"),
    (1, "okay um can i get the account number please"),
    (1, "alright so uh your balance is um eighty four dollars and twenty cents"),
    (1, "okay let me just pull that up one second"),
    (1, "yeah so the technician can come out on tuesday"),
    (1, "uh huh okay and what's the postcode"),
    (1, "so what you want to do is unplug the router for about thirty seconds"),
    (1, "okay got it so that's going to be three to five business days for the refund"),
    (1, "alright i've put that through for you"),
    (1, "um is there anything else i can help with today"),
    (1, "okay yeah i see the two charges there"),
    (1, "right so the order went out yesterday it should be there thursday"),
    (1, "mm okay could you spell the last name for me"),
    (1, "thanks for calling um have a good one"),
    (1, "okay i'm going to put you on a quick hold"),
    (1, "yep that's showing as delivered at two fourteen"),
    (0, "look that's not my problem okay"),
    (0, "i mean you should've read the contract"),
    (0, "ma'am calm down i can't do anything if you're yelling"),
    (0, "yeah there's nothing i can do about that"),
    (0, "uh that's your fault you missed the payment"),
    (0, "i already told you like three times"),
    (0, "whatever do you want the refund or not"),
    (0, "okay well that's just the policy so"),
    (0, "you're not listening to me"),
    (0, "i don't know what you want me to do about it"),
    (0, "it's not that hard you just click the button"),
    (0, "sir sir stop you need to stop talking"),
    (0, "well you should've called earlier then"),
    (0, "yeah i don't really care what the other guy told you"),
    (0, "honestly that's on you not us"),
]

# Chat-style phrasings (short, informal, emoji-free abbreviations).
CHAT = [
    (2, "so sorry about that!! let me fix it for you right away"),
    (2, "omg I'm sorry, that's super frustrating. on it now"),
    (2, "totally understand, that's annoying. I'll sort it"),
    (2, "sorry for the wait & thanks for your patience :)"),
    (2, "ahh I'm sorry to hear that, let's get it sorted together"),
    (2, "really sorry you've had to chat with us again about this, I'll take care of it"),
    (2, "I get it, that's not ok. I'm refunding it now"),
    (2, "apologies for the hassle! I've escalated it for you"),
    (2, "no worries at all, happy to help. sorry it's been a pain"),
    (2, "thx for bearing with me, I know it's been a long day"),
    (1, "can u send the order #?"),
    (1, "ok checking now"),
    (1, "refund is 3-5 business days"),
    (1, "pls confirm the email on the acct"),
    (1, "done, you'll get a confirmation email"),
    (1, "what's the tracking number?"),
    (1, "the item ships tmrw"),
    (1, "ok, anything else?"),
    (1, "your plan is the 20GB one"),
    (1, "one sec pls"),
    (0, "not my problem tbh"),
    (0, "u should have read the terms"),
    (0, "nothing we can do, sorry not sorry"),
    (0, "already told u, read the faq"),
    (0, "idk, ask your bank"),
    (0, "that's ur fault for entering the wrong address"),
    (0, "k. anything else or are we done"),
    (0, "policy is policy. can't help"),
    (0, "stop spamming the chat"),
    (0, "pls just read what I wrote"),
]


# Hard cases: "sorry" that is a repair request (neutral), sympathy words used to shut the customer
# down (cold), and stock thanks (neutral), so the model does not read empathy off one word.
HARD = [
    (1, "Sorry, could you say that again?"),
    (1, "Sorry, I didn't catch the last part."),
    (1, "sorry the line cut out for a second, go ahead"),
    (1, "Sorry, was that a B or a D?"),
    (1, "Sorry, one more time for the postcode?"),
    (1, "sorry you're breaking up a little, can you hear me now"),
    (1, "Sorry, I'm just waiting for the page to load."),
    (1, "Sorry, go ahead."),
    (1, "sorry, typo, I meant the 14th"),
    (1, "Sorry, which account was that?"),
    (1, "Thank you."),
    (1, "Thanks for holding."),
    (1, "Perfect, thanks."),
    (1, "Great, glad that's sorted."),
    (1, "Lovely, bye now."),
    (1, "Thanks, I've got that."),
    (1, "Okay, thank you for confirming."),
    (1, "Alright, thanks for the information."),
    (0, "I'm sorry but that's the policy, there's nothing else to discuss."),
    (0, "Sorry, but rules are rules."),
    (0, "I understand your frustration, however there is nothing further I can do."),
    (0, "I hear you, but it's not going to change."),
    (0, "I'm sorry you feel that way."),
    (0, "Sorry, but that's not our problem."),
    (0, "I get that you're upset but I can't do anything about it."),
    (0, "I understand, but you agreed to the terms, so the fee stands."),
    (0, "I appreciate that, but I've already explained it twice."),
    (0, "Sorry, that's just how it is."),
    (0, "I hear what you're saying but it's your responsibility."),
    (0, "I'm sorry if you misunderstood, but it's clearly written on the bill."),
    (0, "Thanks for your opinion but we won't be refunding it."),
    (0, "Sorry not sorry, the deadline passed."),
    (2, "I'm sorry, I know that's not what you wanted to hear, but here's what I can do for you."),
    (2, "I understand it's frustrating, and while I can't remove the fee, I can spread it over three bills for you."),
    (2, "I'm really sorry, I can't change the rule itself, but I can raise it with my supervisor today for you."),
    (2, "I hear you, and you're right to be annoyed. Let me see what options we have."),
    (2, "Sorry about that, I know waiting on hold is the last thing you needed today."),
    (2, "I get it, and I'm sorry. Let me make this as quick as possible for you."),
]

CUSTOMER_CONTEXT = {
    "angry": [
        "I've been charged twice and nobody is fixing it!",
        "This is the third time I've called. I'm sick of this.",
        "Your technician never showed up and I took the day off work.",
        "My package is lost AGAIN. Unbelievable.",
        "I want to speak to a manager, this is ridiculous.",
        "You people cut off my internet for no reason.",
    ],
    "upset": [
        "My mother passed away and I need to close her account.",
        "I don't understand this bill at all and I'm worried.",
        "My card got declined at the shop and it was so embarrassing.",
        "I think someone has stolen my identity.",
        "The heating's been off for two days and I have a baby.",
    ],
    "neutral": [
        "Hi, I'd like to check my balance.",
        "I want to change my delivery address.",
        "Can you tell me when my contract ends?",
        "I need to book a technician.",
        "What's the status of my order?",
    ],
}
INDUSTRY_WORDS = [
    ("travel", r"flight|bag|seat|booking|hotel|adults"),
    ("healthcare", r"prescription|doctor|appointment|clinic"),
    ("insurance", r"claim|adjuster|policy renews|insurance|warranty"),
    ("banking", r"card|bank|fraud|interest|declined|instalment|overdraft|minimum payment"),
    ("utilities", r"power|heating|hot water|meter|energy|outage|electric"),
    ("telecom", r"router|internet|modem|signal|sim|phone|data|plan|technician|engineer|line|wifi|fibre|broadband"),
    ("delivery", r"package|parcel|driver|courier|deliver|tracking|shipped"),
    ("retail", r"order|item|stock|receipt|store|replacement|return|pizza"),
    ("software", r"password|login|log in|app|cache|settings|account unlocked|email|link"),
]


def industry_of(text: str) -> str:
    """The industry a reply's own words point to; 'general' when they could belong to any."""
    low = text.lower()
    for name, words in INDUSTRY_WORDS:
        if re.search(rf"\b(?:{words})", low):
            return name
    return "general"


FILLERS = ["um", "uh", "you know", "so", "like", "okay", "yeah", "right"]


def asr_style(text: str, rng: random.Random) -> str:
    """How speech recognition gives a line: lowercase, no punctuation, a filler or a repeated word."""
    words = re.sub(r"[^\w\s'$]", "", text.lower()).split()
    if len(words) > 3:
        pos = rng.randrange(1, len(words) - 1)
        words.insert(pos, rng.choice(FILLERS))
    if len(words) > 5 and rng.random() < 0.4:
        pos = rng.randrange(0, len(words) - 1)
        words.insert(pos, words[pos])
    return " ".join(words)


def chat_style(text: str, rng: random.Random) -> str:
    out = text.lower() if rng.random() < 0.6 else text
    for a, b in (("you", "u"), ("please", "pls"), ("thanks", "thx"), ("account", "acct")):
        if rng.random() < 0.5:
            out = re.sub(rf"\b{a}\b", b, out)
    return out.rstrip(".")


def main() -> None:
    rng = random.Random(20261123)
    rows: list[dict[str, object]] = []

    def add(group: str, label: int, style: str, reply: str) -> None:
        mood = "neutral" if label == 1 and rng.random() < 0.6 else rng.choice(["angry", "upset", "neutral"])
        rows.append(
            {
                "id": len(rows) + 1,
                "group": group,
                "label": label,
                "style": style,
                "industry": industry_of(reply),
                "customer": rng.choice(CUSTOMER_CONTEXT[mood]),
                "reply": reply,
            }
        )

    for label, lines in ((2, EMPATHETIC), (1, NEUTRAL), (0, COLD)):
        for i, line in enumerate(lines):
            group = f"{label}-{i}"
            add(group, label, "written", line)
            add(group, label, "spoken", asr_style(line, rng))
            if rng.random() < 0.5:
                add(group, label, "chat", chat_style(line, rng))
    for i, (label, line) in enumerate(SPOKEN):
        add(f"s-{i}", label, "spoken", line)
        add(f"s-{i}", label, "spoken", asr_style(line, rng))
    for i, (label, line) in enumerate(HARD):
        add(f"h-{i}", label, "written", line)
        add(f"h-{i}", label, "spoken", asr_style(line, rng))
    for i, (label, line) in enumerate(CHAT):
        add(f"c-{i}", label, "chat", line)
    with (HERE / "empathy_corpus.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "group", "label", "style", "industry", "customer", "reply"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows")


if __name__ == "__main__":
    main()
