// Demo catalog for development databases (npm run seed). Prices are decimal strings, converted to cents when seeded.

export interface CatalogProduct {
  name: string; // 1-200 chars, realistic product name
  description: string; // one or two realistic sentences, <= 300 chars
  price: string; // decimal string with exactly two fraction digits, e.g. "19.99"; between "2.50" and "1499.00"
  stock: number; // integer 0..500
  category: string; // one of the six demo categories
}

export const catalog: readonly CatalogProduct[] = [
  // Electronics
  {
    name: 'Aurora Wireless Headphones',
    description: 'Over-ear wireless Bluetooth headphones with active noise cancelling and 30-hour battery life. '
      + 'Includes a USB-C charging cable and a hard travel case.',
    price: '129.99',
    stock: 84,
    category: 'Electronics',
  },
  {
    name: 'Nimbus 27" 4K Monitor',
    description: '27-inch IPS 4K UHD monitor with HDR support, USB-C power delivery and a height-adjustable stand.',
    price: '449.00',
    stock: 22,
    category: 'Electronics',
  },
  {
    name: 'Pocket Power Bank 10000mAh',
    description: 'Slim portable charger with fast charging over USB-C and USB-A. Charges most phones twice.',
    price: '29.99',
    stock: 310,
    category: 'Electronics',
  },
  {
    name: 'Helix Mechanical Keyboard',
    description: 'Compact 75% mechanical keyboard with hot-swappable tactile switches, RGB backlight and wireless '
      + 'mode.',
    price: '89.50',
    stock: 57,
    category: 'Electronics',
  },
  {
    name: 'Lumen Smart LED Bulb (4-Pack)',
    description: 'Dimmable color-changing Wi-Fi smart bulbs that work with voice assistants and scheduled routines.',
    price: '39.95',
    stock: 145,
    category: 'Electronics',
  },
  {
    name: 'Orbit Ultralight Laptop 14"',
    description: '14-inch ultralight laptop with 16 GB RAM, 512 GB SSD and an all-day battery in an aluminum body.',
    price: '1299.00',
    stock: 4,
    category: 'Electronics',
  },
  {
    name: 'Echo Bay Portable Speaker',
    description: 'Waterproof wireless Bluetooth speaker with deep bass and 12 hours of playtime. Floats in the pool.',
    price: '59.99',
    stock: 0,
    category: 'Electronics',
  },
  {
    name: 'Braided USB-C Cable 2m',
    description: 'Durable nylon braided USB-C to USB-C cable supporting 100W fast charging and data transfer.',
    price: '12.99',
    stock: 480,
    category: 'Electronics',
  },

  // Books
  {
    name: 'The Quiet Orchard: A Novel',
    description: 'A bestselling literary fiction paperback about three generations of a family running an apple farm.',
    price: '16.99',
    stock: 120,
    category: 'Books',
  },
  {
    name: 'Practical TypeScript for Backend Developers',
    description: 'A hands-on programming guide to building type-safe APIs with Node.js, GraphQL and SQL databases.',
    price: '44.95',
    stock: 38,
    category: 'Books',
  },
  {
    name: 'Weeknight Vegetarian Cookbook',
    description: 'Over 120 quick vegetarian recipes for busy evenings, with full-color photos and a hardcover '
      + 'binding.',
    price: '27.50',
    stock: 64,
    category: 'Books',
  },
  {
    name: 'Stars Above Us: A Beginner\'s Astronomy Guide',
    description: 'Illustrated science guide to the night sky with seasonal star maps and tips for choosing a '
      + 'telescope.',
    price: '21.00',
    stock: 3,
    category: 'Books',
  },
  {
    name: 'Midnight at Harbor Street',
    description: 'A gripping mystery thriller paperback in which a retired detective reopens a cold case.',
    price: '9.99',
    stock: 205,
    category: 'Books',
  },
  {
    name: 'The Little Fox Who Counted Clouds',
    description: 'A hardcover picture book for children ages 3 to 6 that makes learning numbers fun.',
    price: '14.99',
    stock: 92,
    category: 'Books',
  },
  {
    name: 'Atlas of Forgotten Empires',
    description: 'Large-format world history atlas with detailed maps, timelines and essays on ancient civilizations.',
    price: '65.00',
    stock: 11,
    category: 'Books',
  },
  {
    name: 'Daily Mindfulness Journal',
    description: 'Guided self-help journal with prompts for gratitude and reflection, printed on thick acid-free '
      + 'paper.',
    price: '15.50',
    stock: 150,
    category: 'Books',
  },

  // Home & Kitchen
  {
    name: 'Cast-Iron Skillet 10"',
    description: 'Pre-seasoned cast iron skillet for searing, baking and frying. Oven-safe and works on induction.',
    price: '34.99',
    stock: 140,
    category: 'Home & Kitchen',
  },
  {
    name: 'Crème Brûlée Torch Set',
    description: 'Refillable butane kitchen torch with four porcelain ramekins for caramelizing desserts.',
    price: '42.00',
    stock: 27,
    category: 'Home & Kitchen',
  },
  {
    name: 'Stainless Steel Chef\'s Knife 8"',
    description: 'Forged high-carbon stainless steel chef knife with a full tang and an ergonomic non-slip handle.',
    price: '79.00',
    stock: 46,
    category: 'Home & Kitchen',
  },
  {
    name: 'Bamboo Cutting Board Set',
    description: 'Set of three reversible bamboo cutting boards with juice grooves. Knife-friendly and easy to clean.',
    price: '24.99',
    stock: 260,
    category: 'Home & Kitchen',
  },
  {
    name: 'Pour-Over Coffee Kettle',
    description: 'Gooseneck electric kettle with precise temperature control and a stainless steel body for '
      + 'pour-over coffee.',
    price: '69.95',
    stock: 0,
    category: 'Home & Kitchen',
  },
  {
    name: 'Linen Blend Tablecloth 60x84',
    description: 'Machine-washable linen and cotton blend tablecloth in natural oatmeal. Seats six to eight.',
    price: '38.00',
    stock: 73,
    category: 'Home & Kitchen',
  },
  {
    name: 'Glass Food Storage Containers (10-Piece)',
    description: 'Airtight borosilicate glass containers with snap lids. Microwave, oven, freezer and dishwasher '
      + 'safe.',
    price: '45.99',
    stock: 118,
    category: 'Home & Kitchen',
  },
  {
    name: 'Enameled Dutch Oven 6 Qt',
    description: 'Heavy enameled cast iron Dutch oven for braising, soups and bread baking. Oven-safe to 500F.',
    price: '120.00',
    stock: 2,
    category: 'Home & Kitchen',
  },

  // Clothing
  {
    name: 'Essential Organic Cotton T-Shirt',
    description: 'Soft crew-neck t-shirt made from 100% organic cotton. Pre-shrunk and available in 8 colors.',
    price: '19.99',
    stock: 420,
    category: 'Clothing',
  },
  {
    name: 'Harbor Wool Crewneck Sweater',
    description: 'Warm merino wool sweater with a relaxed fit and ribbed cuffs. Breathable and itch-free.',
    price: '85.00',
    stock: 55,
    category: 'Clothing',
  },
  {
    name: 'Classic Slim-Fit Denim Jeans',
    description: 'Stretch denim jeans with a slim fit, five-pocket styling and a mid-rise waist.',
    price: '59.50',
    stock: 180,
    category: 'Clothing',
  },
  {
    name: 'Stormline Waterproof Rain Jacket',
    description: 'Lightweight waterproof, windproof rain jacket with taped seams, adjustable hood and packable '
      + 'design.',
    price: '149.00',
    stock: 33,
    category: 'Clothing',
  },
  {
    name: 'Everyday Canvas Sneakers',
    description: 'Low-top canvas sneakers with a cushioned insole and durable rubber sole. Unisex sizing.',
    price: '45.00',
    stock: 210,
    category: 'Clothing',
  },
  {
    name: 'Cozy Fleece Zip Hoodie',
    description: 'Midweight cotton-blend fleece hoodie with a full zip, kangaroo pockets and a soft brushed interior.',
    price: '49.99',
    stock: 0,
    category: 'Clothing',
  },
  {
    name: 'Merino Hiking Socks (3-Pack)',
    description: 'Cushioned merino wool socks that wick moisture and resist odor on long hikes.',
    price: '24.00',
    stock: 350,
    category: 'Clothing',
  },
  {
    name: 'Silk Blend Scarf',
    description: 'Lightweight silk and modal scarf with a hand-rolled edge and a subtle geometric print.',
    price: '32.50',
    stock: 5,
    category: 'Clothing',
  },

  // Sports & Outdoors
  {
    name: 'Trailblazer 2-Person Tent',
    description: 'Freestanding waterproof backpacking tent with two doors, aluminum poles and a 4 lb packed weight.',
    price: '219.00',
    stock: 19,
    category: 'Sports & Outdoors',
  },
  {
    name: 'Summit Insulated Water Bottle 32oz',
    description: 'Double-wall vacuum insulated stainless steel bottle keeps drinks cold for 24 hours. BPA-free lid.',
    price: '29.95',
    stock: 390,
    category: 'Sports & Outdoors',
  },
  {
    name: 'Non-Slip Yoga Mat 6mm',
    description: 'Extra-thick non-slip yoga mat with alignment lines and a carrying strap. Free of latex and PVC.',
    price: '34.00',
    stock: 165,
    category: 'Sports & Outdoors',
  },
  {
    name: 'Adjustable Dumbbell Pair 5-50 lb',
    description: 'Space-saving adjustable dumbbells with a quick-select dial for home gym strength training.',
    price: '349.99',
    stock: 8,
    category: 'Sports & Outdoors',
  },
  {
    name: 'Ridgeway Trekking Poles',
    description: 'Lightweight carbon fiber trekking poles with cork grips and quick-lock height adjustment.',
    price: '74.50',
    stock: 62,
    category: 'Sports & Outdoors',
  },
  {
    name: 'Cedar Creek Camping Hammock',
    description: 'Breathable parachute nylon hammock with tree straps and carabiners. Holds up to 400 lb.',
    price: '39.99',
    stock: 97,
    category: 'Sports & Outdoors',
  },
  {
    name: 'Pro Grip Basketball',
    description: 'Official size 7 composite leather basketball with deep channels for indoor and outdoor play.',
    price: '27.99',
    stock: 130,
    category: 'Sports & Outdoors',
  },
  {
    name: 'Carbon Road Bike Frame Set',
    description: 'Aerodynamic carbon fiber road bike frame and fork with internal cable routing and disc brake '
      + 'mounts.',
    price: '1499.00',
    stock: 1,
    category: 'Sports & Outdoors',
  },

  // Toys & Games
  {
    name: 'Kingdom Builders Strategy Board Game',
    description: 'A family strategy board game for 2-5 players about building castles and trading resources. '
      + 'Perfect for game night 🎲',
    price: '44.99',
    stock: 76,
    category: 'Toys & Games',
  },
  {
    name: 'Wooden Rainbow Stacking Blocks',
    description: 'Handcrafted wooden stacking toy painted with non-toxic, water-based colors. For ages 1 and up.',
    price: '26.00',
    stock: 112,
    category: 'Toys & Games',
  },
  {
    name: 'Starship Explorer Building Kit (860 Pieces)',
    description: 'Interlocking brick building set to assemble a detailed spaceship with minifigures and a display '
      + 'stand.',
    price: '89.99',
    stock: 41,
    category: 'Toys & Games',
  },
  {
    name: 'Coastal Lighthouse 1000-Piece Jigsaw Puzzle',
    description: 'A 1000-piece jigsaw puzzle printed on thick recycled cardboard with a matte, glare-free finish.',
    price: '18.50',
    stock: 154,
    category: 'Toys & Games',
  },
  {
    name: 'Remote Control Rock Crawler Truck',
    description: 'Rechargeable 4WD remote control truck with all-terrain tires and a 2.4 GHz controller.',
    price: '64.95',
    stock: 49,
    category: 'Toys & Games',
  },
  {
    name: 'Plush Sleepy Sloth',
    description: 'Super-soft plush sloth stuffed animal with embroidered eyes. Machine washable and baby-safe.',
    price: '16.00',
    stock: 230,
    category: 'Toys & Games',
  },
  {
    name: 'Classic Card Game Collection',
    description: 'Travel tin with two decks of playing cards, dice and a rule booklet for 30 classic card games.',
    price: '9.50',
    stock: 300,
    category: 'Toys & Games',
  },
  {
    name: 'Glow-in-the-Dark Bouncy Ball',
    description: 'High-bounce rubber ball that glows in the dark after a few minutes of light. Great party favor.',
    price: '2.50',
    stock: 275,
    category: 'Toys & Games',
  },
];
